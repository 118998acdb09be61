package io.dp4tl.spark.internal;

import io.dp4tl.api.Dp4tlException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.ModelException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.ModelOutput;
import io.dp4tl.core.dataset.internal.ImageDecoder;
import io.dp4tl.onnx.OnnxBackend;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Computes a partition's features in the executor that holds it: rows {@code (id, image bytes[,
 * group])} are decoded by dp4tl-core's {@link ImageDecoder} (its format and pixel-limit checks),
 * encoded by the model's preprocessing and run through this JVM's ONNX Runtime session
 * ({@link ExecutorModels}: opened once per executor JVM from the broadcast bytes, with
 * {@code spark.task.cpus} intra-op threads) in batches of the model's {@code batch} option, one
 * batch in memory at a time. A null, corrupt or oversized image, a model failure or a non-finite
 * feature fails the task with dp4tl's message naming the source row id.
 */
public final class ExecutorInference implements PairFlatMapFunction<Iterator<Row>, Long, FeatureRow> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> model;
  private final String name;
  private final String fingerprint;
  private final HashMap<String, String> options;
  private final String imageColumn;
  private final String groupsColumn;
  private final int d;

  /**
   * @param model the broadcast model bytes
   * @param name the model's name in messages
   * @param fingerprint SHA-256 of the model bytes
   * @param options dp4tl-onnx's string options (without {@code threads} and {@code spinning})
   * @param imageColumn the image column, for messages
   * @param groupsColumn the group column (the rows' third field), or null
   * @param d the features' width
   */
  public ExecutorInference(Broadcast<byte[]> model, String name, String fingerprint, Map<String, String> options,
      String imageColumn, String groupsColumn, int d) {
    this.model = model;
    this.name = name;
    this.fingerprint = fingerprint;
    this.options = new HashMap<>(options);
    this.imageColumn = imageColumn;
    this.groupsColumn = groupsColumn;
    this.d = d;
  }

  @Override
  public Iterator<Tuple2<Long, FeatureRow>> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    TaskContext task = TaskContext.get();
    int threads = task == null ? 1 : Math.max(1, task.cpus());
    OnnxBackend backend = ExecutorModels.session(fingerprint, name, model::value, options, threads);
    return new Batches(rows, backend);
  }

  /** Runs the model one batch at a time as the rows are consumed. */
  private final class Batches implements Iterator<Tuple2<Long, FeatureRow>> {
    private final Iterator<Row> rows;
    private final OnnxBackend backend;
    private final int batch;
    private final int elements;
    private final float[] input;
    private final long[] ids;
    private final int[] groups;
    private final ArrayDeque<Tuple2<Long, FeatureRow>> ready = new ArrayDeque<>();

    Batches(Iterator<Row> rows, OnnxBackend backend) {
      this.rows = rows;
      this.backend = backend;
      this.batch = backend.options().maxBatch();
      this.elements = backend.info().inputElements();
      this.input = new float[batch * elements];
      this.ids = new long[batch];
      this.groups = new int[batch];
    }

    @Override
    public boolean hasNext() {
      if (ready.isEmpty() && rows.hasNext()) {
        fill();
      }
      return !ready.isEmpty();
    }

    @Override
    public Tuple2<Long, FeatureRow> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    private void fill() {
      int n = 0;
      while (n < batch && rows.hasNext()) {
        Row row = rows.next();
        long id = CanonicalRows.id(row);
        ids[n] = id;
        groups[n] = groupsColumn == null ? -1 : CanonicalRows.group(row, 2, id, groupsColumn);
        if (row.isNullAt(1)) {
          throw new InvalidInputException("source row id=" + id + " has no image (null) in column '" + imageColumn
              + "'");
        }
        String what = "source row id=" + id + " (column '" + imageColumn + "')";
        Image image = ImageDecoder.decode((byte[]) row.get(1), what);
        try {
          backend.encode(image, input, n * elements);
        } catch (Dp4tlException e) {
          throw new InvalidInputException(what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
          throw new InvalidInputException(what + ": cannot encode the image for surrogate " + name + ": " + e, e);
        }
        n++;
      }
      int[] positions = new int[n];
      for (int i = 0; i < n; i++) {
        positions[i] = i;
      }
      ModelOutput out;
      try {
        out = backend.run(new Batch(positions, input, false, true));
      } catch (RuntimeException e) {
        throw new ModelException("surrogate " + name + " failed on source rows " + describe(n) + ": "
            + e.getMessage(), e);
      }
      float[] features = out.features();
      if (features == null || features.length != n * d) {
        throw new ModelException("surrogate " + name + " returned " + (features == null ? "no" : features.length)
            + " feature values for source rows " + describe(n) + "; expected " + n + " x " + d);
      }
      String where = "in the features surrogate " + name + " computed from column '" + imageColumn + "'";
      for (int i = 0; i < n; i++) {
        float[] values = java.util.Arrays.copyOfRange(features, i * d, (i + 1) * d);
        CanonicalRows.checkValues(ids[i], values, d, where);
        ready.add(new Tuple2<>(ids[i], new FeatureRow(groups[i], values)));
      }
    }

    private String describe(int n) {
      StringBuilder s = new StringBuilder("id=").append(ids[0]);
      for (int i = 1; i < Math.min(n, 8); i++) {
        s.append(", ").append(ids[i]);
      }
      return s.append(n > 8 ? ", ... (" + n + " rows)" : "").toString();
    }
  }
}
