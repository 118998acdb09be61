package io.dp4tl.onnx.internal;

import io.dp4tl.api.ModelException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exposes intermediate tensors of an ONNX model as extra graph outputs by editing its protobuf
 * wire format directly: the {@code ModelProto.graph} field (7) is rewritten with one more
 * {@code GraphProto.output} entry (12) per tensor, a {@code ValueInfoProto} holding the name and a
 * float tensor type (shape left for ONNX Runtime to infer). Every other byte is kept as it is.
 */
public final class OnnxGraphOutputs {
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_OUTPUT = 12;
  private static final int NODE_OUTPUT = 2;
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_ELEM_TYPE = 1;
  private static final int FLOAT = 1;
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LEN = 2;
  private static final int FIXED32 = 5;

  private OnnxGraphOutputs() {}

  /**
   * The model with the named float tensors added to its outputs (those already outputs are left
   * as they are).
   *
   * @param name the model's name, for messages
   * @throws ModelException if the bytes are not a well-formed ONNX model or no node produces a
   *     named tensor
   */
  public static byte[] addFloatOutputs(String name, byte[] model, List<String> tensors) {
    try {
      Field graph = null;
      for (Field f : fields(model, 0, model.length)) {
        if (f.number == MODEL_GRAPH && f.wireType == LEN) {
          graph = f;
        }
      }
      if (graph == null) {
        throw new ModelException("ONNX model '" + name + "' has no graph");
      }
      Set<String> produced = new HashSet<>();
      Set<String> outputs = new HashSet<>();
      for (Field f : fields(model, graph.start, graph.end)) {
        if (f.number == GRAPH_NODE && f.wireType == LEN) {
          for (Field n : fields(model, f.start, f.end)) {
            if (n.number == NODE_OUTPUT && n.wireType == LEN) {
              produced.add(n.text(model));
            }
          }
        } else if (f.number == GRAPH_OUTPUT && f.wireType == LEN) {
          for (Field v : fields(model, f.start, f.end)) {
            if (v.number == VALUE_INFO_NAME && v.wireType == LEN) {
              outputs.add(v.text(model));
            }
          }
        }
      }
      ByteArrayOutputStream extra = new ByteArrayOutputStream();
      for (String t : tensors) {
        if (!produced.contains(t)) {
          throw new ModelException("ONNX model '" + name + "' has no tensor '" + t + "' produced by a node");
        }
        if (outputs.add(t)) {
          writeLen(extra, GRAPH_OUTPUT, floatValueInfo(t));
        }
      }
      byte[] newGraph = concat(java.util.Arrays.copyOfRange(model, graph.start, graph.end), extra.toByteArray());
      ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + extra.size() + 16);
      out.write(model, 0, graph.tagStart);
      writeLen(out, MODEL_GRAPH, newGraph);
      out.write(model, graph.end, model.length - graph.end);
      return out.toByteArray();
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw new ModelException("ONNX model '" + name + "' is not a well-formed protobuf: " + e.getMessage(), e);
    }
  }

  private static byte[] floatValueInfo(String tensor) {
    ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
    writeVarint(tensorType, (long) TENSOR_ELEM_TYPE << 3 | VARINT);
    writeVarint(tensorType, FLOAT);
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    writeLen(type, TYPE_TENSOR, tensorType.toByteArray());
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    writeLen(info, VALUE_INFO_NAME, tensor.getBytes(StandardCharsets.UTF_8));
    writeLen(info, VALUE_INFO_TYPE, type.toByteArray());
    return info.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void writeLen(ByteArrayOutputStream out, int number, byte[] payload) {
    writeVarint(out, (long) number << 3 | LEN);
    writeVarint(out, payload.length);
    out.write(payload, 0, payload.length);
  }

  private static void writeVarint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** One field of a message: its number, wire type, where its tag starts and where its payload lies. */
  private record Field(int number, int wireType, int tagStart, int start, int end) {
    String text(byte[] b) {
      return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
  }

  /** The fields of the message in {@code b[from, to)}. */
  private static List<Field> fields(byte[] b, int from, int to) {
    List<Field> out = new java.util.ArrayList<>();
    int[] pos = {from};
    while (pos[0] < to) {
      int tagStart = pos[0];
      long tag = readVarint(b, pos, to);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      int start = pos[0];
      int end;
      switch (wire) {
        case VARINT -> {
          readVarint(b, pos, to);
          end = pos[0];
        }
        case FIXED64 -> end = start + 8;
        case FIXED32 -> end = start + 4;
        case LEN -> {
          long len = readVarint(b, pos, to);
          start = pos[0];
          if (len < 0 || len > to - start) {
            throw new IllegalStateException("field " + number + " runs past its message at byte " + start);
          }
          end = start + (int) len;
        }
        default -> throw new IllegalStateException("unsupported wire type " + wire + " at byte " + tagStart);
      }
      if (end > to) {
        throw new IllegalStateException("field " + number + " runs past its message at byte " + start);
      }
      out.add(new Field(number, wire, tagStart, start, end));
      pos[0] = end;
    }
    return out;
  }

  private static long readVarint(byte[] b, int[] pos, int to) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= to) {
        throw new IllegalStateException("truncated varint at byte " + pos[0]);
      }
      byte x = b[pos[0]++];
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalStateException("malformed varint at byte " + pos[0]);
  }
}
