package io.dp4tl.api.spi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of the JSON-friendly method details that {@link GroupScores} and
 * {@link io.dp4tl.api.Selection} carry: maps and lists become immutable copies, arrays are cloned,
 * so no caller can change a result after the fact.
 */
public final class Details {
  private Details() {}

  /** A deep, immutable copy of {@code details}; arrays inside are cloned. */
  public static ImmutableMap<String, Object> copyOf(Map<String, ?> details) {
    ImmutableMap.Builder<String, Object> copy = ImmutableMap.builder();
    details.forEach((k, v) -> copy.put(k, copy(v)));
    return copy.build();
  }

  /** Whether two details values are equal, arrays by content, maps and lists element by element. */
  public static boolean equal(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size() && x.entrySet().stream()
          .allMatch(e -> y.containsKey(e.getKey()) && equal(e.getValue(), y.get(e.getKey())));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.deepEquals(a, b);
  }

  private static Object copy(Object v) {
    if (v instanceof int[] a) {
      return a.clone();
    }
    if (v instanceof long[] a) {
      return a.clone();
    }
    if (v instanceof double[] a) {
      return a.clone();
    }
    if (v instanceof float[] a) {
      return a.clone();
    }
    if (v instanceof Map<?, ?> m) {
      ImmutableMap.Builder<Object, Object> copy = ImmutableMap.builder();
      m.forEach((k, x) -> copy.put(k, copy(x)));
      return copy.build();
    }
    if (v instanceof List<?> l) {
      ImmutableList.Builder<Object> copy = ImmutableList.builder();
      l.forEach(x -> copy.add(copy(x)));
      return copy.build();
    }
    return v;
  }
}
