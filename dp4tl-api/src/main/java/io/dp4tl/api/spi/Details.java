package io.dp4tl.api.spi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deep copies and comparison of the JSON-friendly method details (and options) that
 * {@link GroupScores} and {@link io.dp4tl.api.Selection} carry: maps and lists become immutable
 * copies (in their order), arrays are cloned, so no caller can change a result after the fact.
 */
public final class Details {
  private Details() {}

  /** A deep, immutable copy of {@code details}, in its order; arrays inside are cloned. */
  public static Map<String, Object> copyOf(Map<String, ?> details) {
    ImmutableMap.Builder<String, Object> copy = ImmutableMap.builder();
    details.forEach((k, v) -> copy.put(k, copy(v)));
    return copy.build();
  }

  /**
   * Whether two details values are equal as JSON sees them: maps key by key, lists and arrays
   * element by element (an {@code int[]} equals a list of the same integers), numbers by value
   * (an {@code Integer} equals a {@code Long} of the same value, a {@code float} is compared as
   * a float), anything else by {@link Objects#equals}.
   */
  public static boolean equal(Object a, Object b) {
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size() && x.entrySet().stream()
          .allMatch(e -> y.containsKey(e.getKey()) && equal(e.getValue(), y.get(e.getKey())));
    }
    List<?> x = elements(a);
    List<?> y = elements(b);
    if (x != null && y != null) {
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
    if (a instanceof Number m && b instanceof Number n) {
      return sameNumber(m, n);
    }
    return Objects.equals(a, b);
  }

  /** The elements of a list or array, else {@code null}. */
  private static List<?> elements(Object v) {
    if (v instanceof List<?> list) {
      return list;
    }
    if (v != null && v.getClass().isArray()) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < Array.getLength(v); i++) {
        list.add(Array.get(v, i));
      }
      return list;
    }
    return null;
  }

  private static boolean sameNumber(Number m, Number n) {
    if (integral(m) && integral(n)) {
      return new BigInteger(m.toString()).equals(new BigInteger(n.toString()));
    }
    if (m instanceof Float || n instanceof Float) {
      return Float.compare(m.floatValue(), n.floatValue()) == 0;
    }
    return Double.compare(m.doubleValue(), n.doubleValue()) == 0;
  }

  private static boolean integral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger;
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
