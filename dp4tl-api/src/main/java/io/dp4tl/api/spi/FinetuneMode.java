package io.dp4tl.api.spi;

/** How a pretrained network is adapted to the target. */
public enum FinetuneMode {
  /** Linear probe: backbone frozen (batch-norm statistics too), a new head is trained. */
  LINEAR_PROBE,
  /** Full finetune: every weight is trained. */
  FULL
}
