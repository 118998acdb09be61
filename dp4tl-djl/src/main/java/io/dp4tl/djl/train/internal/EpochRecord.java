package io.dp4tl.djl.train.internal;

/**
 * What one epoch gave.
 *
 * @param loss mean training loss over the epoch's samples
 * @param trainAccuracy top-1 accuracy on the training batches as they were trained (augmented)
 * @param testAccuracy top-1 accuracy on the test set after the epoch, or NaN without a test set
 * @param millis wall time of the epoch (training, and evaluation when there is a test set)
 */
public record EpochRecord(double loss, double trainAccuracy, double testAccuracy, long millis) {}
