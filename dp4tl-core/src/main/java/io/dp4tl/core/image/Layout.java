package io.dp4tl.core.image;

/** Order of one encoded sample's floats. */
public enum Layout {
  /** Channel planes one after another: {@code [C, H, W]} per sample (PyTorch, Paddle, most ONNX models). */
  NCHW,
  /** Channels interleaved per pixel: {@code [H, W, C]} per sample (TensorFlow). */
  NHWC
}
