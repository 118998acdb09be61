package io.dp4tl.spark.internal;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The fingerprint of a distributed source that Spark can compute cheaply (recorded as
 * {@code source.spark} in the provenance): SHA-256 of the row count (int64), the JSON schema of the
 * columns the selection read, and the {@value #SAMPLE} rows first in the seeded hash order of their
 * ids ({@link SeededOrder} with seed {@value #SEED}, whatever the selection's seed), each as its id
 * (int64) and its values. It changes with the row count, the schema, or any sampled row; a change
 * to rows outside the sample goes unnoticed (the price of not reading every byte twice).
 */
public final class SourceFingerprint {
  /** Rows in the sample. */
  public static final int SAMPLE = 1024;
  /** Seed of the sample order. */
  public static final long SEED = 0x5EED;

  private SourceFingerprint() {}

  /** Rows are (id, integer value). */
  public static String ofInts(long count, StructType schema, List<Tuple2<Long, Long>> sample) {
    Hasher h = start(count, schema);
    for (Tuple2<Long, Long> row : sample) {
      h.putLong(row._1()).putLong(row._2());
    }
    return h.hash().toString();
  }

  /** Rows are (id, features with their group). */
  public static String ofFeatures(long count, StructType schema, List<Tuple2<Long, FeatureRow>> sample) {
    Hasher h = start(count, schema);
    for (Tuple2<Long, FeatureRow> row : sample) {
      h.putLong(row._1()).putInt(row._2().group()).putInt(row._2().values().length);
      for (float v : row._2().values()) {
        h.putFloat(v);
      }
    }
    return h.hash().toString();
  }

  private static Hasher start(long count, StructType schema) {
    byte[] json = schema.json().getBytes(StandardCharsets.UTF_8);
    return Hashing.sha256().newHasher().putLong(count).putInt(json.length).putBytes(json);
  }
}
