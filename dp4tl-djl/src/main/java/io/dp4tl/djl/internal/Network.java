package io.dp4tl.djl.internal;

import static java.util.Objects.requireNonNull;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.djl.Architecture;
import io.dp4tl.djl.DjlEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A DJL network of one {@link Architecture}: a backbone that maps images to the pooled penultimate
 * feature and a linear head over the classes. Owns the native memory of its parameters (one
 * {@link NDManager}) until closed. Not thread-safe.
 */
public final class Network implements AutoCloseable {
  /** The two parts of a network. */
  public enum Part {
    /** Everything up to the pooled feature. */
    BACKBONE,
    /** The linear classifier on the feature. */
    HEAD
  }

  private final Architecture architecture;
  private final int classCount;
  private final NDManager manager;
  private final SequentialBlock backbone;
  private final Linear head;
  private final ParameterStore store;

  private Network(Architecture architecture, int classCount, NDManager manager, SequentialBlock backbone, Linear head) {
    this.architecture = architecture;
    this.classCount = classCount;
    this.manager = manager;
    this.backbone = backbone;
    this.head = head;
    this.store = new ParameterStore(manager, false);
  }

  /**
   * A freshly initialised network whose weights depend on {@code seed} alone.
   *
   * @throws io.dp4tl.api.ModelException if DJL's engine cannot be loaded
   */
  public static Network create(Architecture architecture, int classCount, long seed) {
    requireNonNull(architecture, "architecture");
    NDManager manager = DjlEngines.pytorch().newBaseManager();
    try {
      SeededInitializer init = new SeededInitializer(seed);
      SequentialBlock backbone = Backbones.build(architecture);
      backbone.setInitializer(init, Parameter.Type.WEIGHT);
      backbone.initialize(manager, DataType.FLOAT32, inputShape(1));
      Linear head = newHead(classCount, architecture, manager, init);
      return new Network(architecture, classCount, manager, backbone, head);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * A new network with a copy of this backbone (weights and batch-norm statistics) and a fresh
   * head over {@code classes} classes initialised from {@code seed}.
   *
   * @throws IllegalStateException if the backbone cannot be copied
   */
  public Network withNewHead(int classes, long seed) {
    byte[] saved = toBytes(backbone);
    NDManager m = DjlEngines.pytorch().newBaseManager();
    try {
      SequentialBlock copy = Backbones.build(architecture);
      copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved)));
      Linear newHead = newHead(classes, architecture, m, new SeededInitializer(seed));
      return new Network(architecture, classes, m, copy, newHead);
    } catch (IOException | MalformedModelException e) {
      m.close();
      throw new IllegalStateException("cannot copy the backbone of " + describe(), e);
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** An independent copy (own native memory). */
  public Network copy() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(new DataOutputStream(bytes));
      return read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + describe(), e);
    }
  }

  /**
   * Writes the architecture, the class count and every parameter (batch-norm statistics included).
   *
   * @throws IOException if the stream fails
   */
  public void write(DataOutputStream out) throws IOException {
    out.writeUTF(architecture.name());
    out.writeInt(architecture.width());
    out.writeInt(classCount);
    backbone.saveParameters(out);
    head.saveParameters(out);
    out.flush();
  }

  /**
   * Reads a network written by {@link #write}.
   *
   * @throws IOException if the stream fails or does not hold a network
   */
  public static Network read(DataInputStream in) throws IOException {
    String name = in.readUTF();
    int width = in.readInt();
    int classes = in.readInt();
    Architecture architecture;
    try {
      architecture = Architecture.parse(name, width);
    } catch (InvalidInputException e) {
      throw new IOException("unknown network: " + e.getMessage(), e);
    }
    if (classes < 1) {
      throw new IOException("a network needs at least one class, found " + classes);
    }
    NDManager manager = DjlEngines.pytorch().newBaseManager();
    try {
      SequentialBlock backbone = Backbones.build(architecture);
      backbone.loadParameters(manager, in);
      Linear head = Linear.builder().setUnits(classes).build();
      head.loadParameters(manager, in);
      Network network = new Network(architecture, classes, manager, backbone, head);
      network.checkHead();
      return network;
    } catch (MalformedModelException | RuntimeException e) {
      manager.close();
      throw new IOException("malformed network parameters: " + e.getMessage(), e);
    } catch (IOException e) {
      manager.close();
      throw e;
    }
  }

  /** The architecture the network was built from. */
  public Architecture architecture() {
    return architecture;
  }

  /** Classes the head scores. */
  public int classCount() {
    return classCount;
  }

  /** The manager that owns the parameters; arrays attached to it live as long as the network. */
  public NDManager manager() {
    return manager;
  }

  /**
   * Pooled penultimate features {@code (N, featureWidth)} of images {@code (N, 1, 32, 32)}.
   *
   * @param training batch-norm uses (and updates) batch statistics when true, running ones otherwise
   */
  public NDArray features(NDArray images, boolean training) {
    return backbone.forward(store, new NDList(images), training).singletonOrThrow();
  }

  /** Logits {@code (N, classCount)} of features. */
  public NDArray logits(NDArray features, boolean training) {
    return head.forward(store, new NDList(features), training).singletonOrThrow();
  }

  /**
   * The parameter arrays of a part, in a stable order.
   *
   * @param trainableOnly leave out batch-norm running statistics (which are not trained by gradients)
   */
  public ImmutableList<NDArray> arrays(Part part, boolean trainableOnly) {
    Block block = part == Part.BACKBONE ? backbone : head;
    ImmutableList.Builder<NDArray> arrays = ImmutableList.builder();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter.Type type = p.getValue().getType();
      boolean statistic = type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR;
      if (!trainableOnly || !statistic) {
        arrays.add(p.getValue().getArray());
      }
    }
    return arrays.build();
  }

  /**
   * SHA-256 (hex) of every parameter: for each, in order, its name, shape and float32 values
   * (little-endian). Equal weights give equal fingerprints whatever file they came from.
   */
  public String fingerprint() {
    Hasher h = Hashing.sha256().newHasher();
    hash(h, "backbone", backbone);
    hash(h, "head", head);
    return h.hash().toString();
  }

  /** Fingerprint of one part alone, in the form of {@link #fingerprint()}. */
  public String fingerprint(Part part) {
    Hasher h = Hashing.sha256().newHasher();
    if (part == Part.BACKBONE) {
      hash(h, "backbone", backbone);
    } else {
      hash(h, "head", head);
    }
    return h.hash().toString();
  }

  /** e.g. {@code "resnet-20 (width 16, 10 classes)"}. */
  public String describe() {
    return architecture.name() + " (width " + architecture.width() + ", " + classCount + " classes)";
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Shape of a batch of {@code n} encoded images. */
  public static Shape inputShape(int n) {
    return new Shape(n, Architecture.INPUT_CHANNELS, Architecture.INPUT_SIZE, Architecture.INPUT_SIZE);
  }

  private static Linear newHead(int classes, Architecture architecture, NDManager manager, SeededInitializer init) {
    Linear head = Linear.builder().setUnits(classes).build();
    head.setInitializer(init, Parameter.Type.WEIGHT);
    head.initialize(manager, DataType.FLOAT32, new Shape(1, architecture.featureWidth()));
    return head;
  }

  private void checkHead() throws IOException {
    Shape weight = head.getParameters().get("weight").getArray().getShape();
    if (weight.dimension() != 2 || weight.get(0) != classCount || weight.get(1) != architecture.featureWidth()) {
      throw new IOException("the head has shape " + weight + ", expected (" + classCount + ", "
          + architecture.featureWidth() + ")");
    }
  }

  private static void hash(Hasher h, String prefix, Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray array = p.getValue().getArray();
      h.putString(prefix + "." + p.getKey(), StandardCharsets.UTF_8);
      Shape shape = array.getShape();
      h.putInt(shape.dimension());
      for (long d : shape.getShape()) {
        h.putLong(d);
      }
      for (float v : array.toFloatArray()) {
        h.putFloat(v);
      }
    }
  }

  private static byte[] toBytes(Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
