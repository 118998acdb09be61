package io.dp4tl.api;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.api.spi.ModelBackend;
import java.util.LinkedHashMap;
import java.util.Map;

/** SHA-256 fingerprints of a run's inputs, as recorded in {@link Provenance#fingerprints()}. */
final class Fingerprints {
  private Fingerprints() {}

  static Map<String, String> of(TargetData target, SourceData source, ModelBackend surrogate) {
    Map<String, String> f = new LinkedHashMap<>();
    target.images().ifPresent(s -> f.put("target.images", s.fingerprint()));
    target.logits().ifPresent(m -> f.put("target.logits", m.sha256()));
    target.features().ifPresent(m -> f.put("target.features", m.sha256()));
    target.labels().ifPresent(l -> f.put("target.labels", ints(l)));
    source.images().ifPresent(s -> f.put("source.images", s.fingerprint()));
    source.labels().ifPresent(l -> f.put("source.labels", ints(l)));
    source.groups().ifPresent(g -> f.put("source.groups", ints(g)));
    source.features().ifPresent(m -> f.put("source.features", m.sha256()));
    source.signals().ifPresent(s -> {
      for (int r = 0; r < s.logits().size(); r++) {
        f.put("signals.logits." + r, s.logits().get(r).sha256());
      }
      for (int r = 0; r < s.features().size(); r++) {
        f.put("signals.features." + r, s.features().get(r).sha256());
      }
      s.correctnessMatrix().ifPresent(m -> f.put("signals.correctness", m.sha256()));
    });
    if (surrogate != null) {
      f.put("model", surrogate.info().fingerprint());
    }
    return f;
  }

  /** SHA-256 of the length then every value as little-endian int32. */
  static String ints(int[] values) {
    Hasher h = Hashing.sha256().newHasher().putInt(values.length);
    for (int v : values) {
      h.putInt(v);
    }
    return h.hash().toString();
  }
}
