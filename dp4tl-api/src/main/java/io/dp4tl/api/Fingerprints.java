package io.dp4tl.api;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.spi.Fingerprinter;
import io.dp4tl.api.spi.ModelBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Fingerprints of a run's inputs, as recorded in {@link Provenance#fingerprints()}: with the
 * {@link Fingerprinter} found by {@link ServiceLoader} (dp4tl-core's {@code xxh3-128-4m}), else
 * SHA-256.
 */
final class Fingerprints {
  private Fingerprints() {}

  /** The fingerprinter in use. */
  static Fingerprinter fingerprinter() {
    return ServiceLoader.load(Fingerprinter.class, Fingerprints.class.getClassLoader()).findFirst()
        .orElse(Sha256.INSTANCE);
  }

  /** Fingerprints of the target's inputs (keys {@code target.*}). */
  static Map<String, String> of(Fingerprinter f, TargetData target, int threads) {
    Map<String, String> out = new LinkedHashMap<>();
    target.images().ifPresent(s -> out.put("target.images", s.fingerprint()));
    target.logits().ifPresent(m -> out.put("target.logits", f.matrix(m, threads)));
    target.features().ifPresent(m -> out.put("target.features", f.matrix(m, threads)));
    target.labels().ifPresent(l -> out.put("target.labels", f.ints(IntColumn.of(l))));
    return out;
  }

  /** Fingerprints of the source's inputs (keys {@code source.*}) and of the surrogate ({@code model}). */
  static Map<String, String> of(Fingerprinter f, SourceData source, ModelBackend surrogate, int threads) {
    Map<String, String> out = new LinkedHashMap<>();
    source.images().ifPresent(s -> out.put("source.images", s.fingerprint()));
    source.labels().ifPresent(l -> out.put("source.labels", f.ints(l)));
    source.groups().ifPresent(g -> out.put("source.groups", f.ints(g)));
    source.features().ifPresent(m -> out.put("source.features", f.matrix(m, threads)));
    source.signals().ifPresent(s -> {
      for (int r = 0; r < s.logits().size(); r++) {
        out.put("signals.logits." + r, f.matrix(s.logits().get(r), threads));
      }
      for (int r = 0; r < s.features().size(); r++) {
        out.put("signals.features." + r, f.matrix(s.features().get(r), threads));
      }
      s.correctnessMatrix().ifPresent(m -> out.put("signals.correctness", f.matrix(m, threads)));
    });
    if (surrogate != null) {
      out.put("model", surrogate.info().fingerprint());
    }
    return out;
  }

  /** Format version 1's fingerprints, used when dp4tl-core is absent. */
  private enum Sha256 implements Fingerprinter {
    INSTANCE;

    @Override
    public String algorithm() {
      return "sha256";
    }

    @Override
    public String matrix(FloatMatrix matrix, int threads) {
      return matrix.sha256();
    }

    /** SHA-256 of the length then every value as little-endian int32. */
    @Override
    public String ints(IntColumn values) {
      Hasher h = Hashing.sha256().newHasher().putInt(values.size());
      for (int i = 0; i < values.size(); i++) {
        h.putInt(values.get(i));
      }
      return h.hash().toString();
    }
  }
}
