package io.dp4tl.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A tiny ONNX model written as protobuf bytes by hand (no onnx package needed): input {@code x}
 * {@code [N, 3, 2, 2]}, {@code y = Flatten(x) . W} with {@code W} 12 x 2, so 2 logits; optionally
 * with an initializer no node uses, which ONNX Runtime warns about when it loads the model.
 */
final class TinyOnnx {
  private TinyOnnx() {}

  static byte[] linear(boolean unusedInitializer) {
    float[] w = new float[24];
    for (int i = 0; i < w.length; i++) {
      w[i] = (i % 2 == 0 ? 1 : -1) * (i / 2 + 1) / 12f;
    }
    Proto graph = new Proto()
        .message(1, new Proto().string(1, "x").string(2, "flat").string(3, "flatten").string(4, "Flatten"))
        .message(1, new Proto().string(1, "flat").string(1, "W").string(2, "y").string(3, "matmul").string(4, "MatMul"))
        .string(2, "tiny")
        .message(5, tensor("W", new long[] {12, 2}, w));
    if (unusedInitializer) {
      graph.message(5, tensor("unused", new long[] {2}, new float[] {1, 2}));
    }
    graph.message(11, valueInfo("x", "N", 3, 2, 2)).message(12, valueInfo("y", "N", 2));
    return new Proto()
        .varint(1, 8) // IR version 8
        .string(2, "dp4tl-test")
        .message(8, new Proto().string(1, "").varint(2, 13)) // opset 13
        .message(7, graph)
        .bytes();
  }

  private static Proto tensor(String name, long[] dims, float[] values) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    return t.varint(2, 1).string(8, name).raw(9, raw.array()); // data type 1: float
  }

  private static Proto valueInfo(String name, String batch, long... dims) {
    Proto shape = new Proto().message(1, new Proto().string(2, batch));
    for (long d : dims) {
      shape.message(1, new Proto().varint(1, d));
    }
    Proto tensorType = new Proto().varint(1, 1).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  /** Protobuf wire format: varint and length-delimited fields, enough for ONNX. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      writeVarint((long) field << 3);
      writeVarint(value);
      return this;
    }

    Proto raw(int field, byte[] value) {
      writeVarint((long) field << 3 | 2);
      writeVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    Proto string(int field, String value) {
      return raw(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto value) {
      return raw(field, value.bytes());
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void writeVarint(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) (v & 0x7f) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
