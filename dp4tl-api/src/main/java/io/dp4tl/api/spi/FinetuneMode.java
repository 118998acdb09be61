package io.dp4tl.api.spi;

/** How a pretrained network is adapted to the target. */
public enum FinetuneMode {
  /**
   * Linear probe as the literature runs it: the backbone frozen (batch-norm statistics too), its
   * features of the target images extracted once, and a new linear head fitted to convergence as
   * a multinomial L2 logistic regression (a full-batch solver stopping on the gradient norm, not
   * on an epoch count), its penalty chosen on a validation split of the target's training images
   * and refitted on all of them. Deterministic: the same features give the same head. The
   * {@link Evaluation} holds one accuracy (no epochs).
   */
  LINEAR_PROBE,
  /** Full finetune: every weight is trained. */
  FULL
}
