package io.dp4tl.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header dictionary of a {@code .npy} file, parsed as the Python literal it is (NumPy reads it
 * with {@code ast.literal_eval}): a dict with exactly the keys {@code 'descr'} (a string),
 * {@code 'fortran_order'} ({@code True}/{@code False}) and {@code 'shape'} (a tuple of
 * non-negative ints). Anything else, including a structured {@code descr}, a repeated or unknown key,
 * or trailing text other than whitespace, is refused with a message saying what was found.
 *
 * @param descr the dtype string, e.g. {@code <f4}
 * @param fortranOrder whether the data is in Fortran (column-major) order
 * @param shape the dimensions; empty for a scalar
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
  /** NumPy's default {@code max_header_size}: longer headers are refused unread. */
  static final int MAX_HEADER_BYTES = 10_000;
  /** Deepest nesting of brackets accepted (NumPy's own headers nest two deep). */
  private static final int MAX_DEPTH = 16;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
  /** Python's None. */
  private static final Object NONE = new Object() {
    @Override
    public String toString() {
      return "None";
    }
  };

  NpyHeader {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Parses a header's text.
   *
   * @throws IllegalArgumentException with the reason, if the text is not a valid header dict
   */
  static NpyHeader parse(String text) {
    Parser p = new Parser(text);
    p.skipSpace();
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the header dict");
    }
    if (!(value instanceof Map<?, ?> dict)) {
      throw new IllegalArgumentException("header is not a dict but " + describe(value));
    }
    if (!dict.keySet().equals(KEYS)) {
      throw new IllegalArgumentException("header keys must be exactly 'descr', 'fortran_order' and 'shape', found "
          + dict.keySet());
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new IllegalArgumentException("'descr' must be a string (structured dtypes are not supported), found "
          + describe(dict.get("descr")));
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new IllegalArgumentException("'fortran_order' must be True or False, found "
          + describe(dict.get("fortran_order")));
    }
    if (!(dict.get("shape") instanceof Tuple shapeTuple)) {
      throw new IllegalArgumentException("'shape' must be a tuple, found " + describe(dict.get("shape")));
    }
    long[] shape = new long[shapeTuple.items().size()];
    for (int i = 0; i < shape.length; i++) {
      Object d = shapeTuple.items().get(i);
      if (!(d instanceof Long dim) || dim < 0) {
        throw new IllegalArgumentException("'shape' must hold non-negative ints, found " + describe(d)
            + " at position " + i);
      }
      shape[i] = dim;
    }
    return new NpyHeader(descr, fortran, shape);
  }

  private static String describe(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /** A Python tuple literal. */
  private record Tuple(List<Object> items) {
    @Override
    public String toString() {
      return items.toString().replace('[', '(').replace(']', ')');
    }
  }

  /** A Python list literal. */
  private record PyList(List<Object> items) {
    @Override
    public String toString() {
      return items.toString();
    }
  }

  /** Recursive descent over the literal subset NumPy writes: dicts, tuples, lists, strings, ints, bools, None. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH);
      }
      if (pos >= s.length()) {
        throw error("header ends early");
      }
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> dict(depth);
        case '(' -> tuple(depth);
        case '[' -> list(depth);
        case '\'', '"' -> string();
        default -> {
          if (c == '-' || c == '+' || Character.isDigit(c)) {
            yield integer();
          }
          yield name();
        }
      };
    }

    private Map<Object, Object> dict(int depth) {
      Map<Object, Object> map = new LinkedHashMap<>();
      pos++;
      skipSpace();
      while (!peek('}')) {
        Object key = value(depth + 1);
        if (key instanceof Map<?, ?> || key instanceof PyList) {
          throw error("unhashable dict key");
        }
        skipSpace();
        expect(':');
        skipSpace();
        Object v = value(depth + 1);
        if (map.put(key, v) != null) {
          throw error("key " + key + " appears twice");
        }
        if (!separator('}')) {
          break;
        }
      }
      expect('}');
      return map;
    }

    private Tuple tuple(int depth) {
      pos++;
      skipSpace();
      List<Object> items = new ArrayList<>();
      boolean comma = false;
      while (!peek(')')) {
        items.add(value(depth + 1));
        comma = separator(')');
        if (!comma) {
          break;
        }
      }
      expect(')');
      if (items.size() == 1 && !comma) {
        return parenthesised(items.get(0));
      }
      return new Tuple(List.copyOf(items));
    }

    /** {@code (x)} is x itself in Python, not a tuple; only a tuple is a valid shape. */
    private Tuple parenthesised(Object inner) {
      if (inner instanceof Tuple t) {
        return t;
      }
      throw error("(" + describe(inner) + ") is not a tuple; a 1-D shape is written (n,)");
    }

    private PyList list(int depth) {
      pos++;
      skipSpace();
      List<Object> items = new ArrayList<>();
      while (!peek(']')) {
        items.add(value(depth + 1));
        if (!separator(']')) {
          break;
        }
      }
      expect(']');
      return new PyList(List.copyOf(items));
    }

    /** After an item: a comma (then possibly the closer), or the closer. True if another item may follow. */
    private boolean separator(char closer) {
      skipSpace();
      if (peek(',')) {
        pos++;
        skipSpace();
        return true;
      }
      if (!peek(closer)) {
        throw error("expected ',' or '" + closer + "'");
      }
      return false;
    }

    private String string() {
      char quote = s.charAt(pos++);
      StringBuilder out = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != quote) {
        char c = s.charAt(pos++);
        if (c == '\n') {
          throw error("line break inside a string");
        }
        if (c == '\\') {
          if (pos >= s.length()) {
            break;
          }
          char e = s.charAt(pos++);
          switch (e) {
            case '\\', '\'', '"' -> out.append(e);
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            default -> throw error("unsupported escape \\" + e + " in a string");
          }
        } else {
          out.append(c);
        }
      }
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      pos++;
      return out.toString();
    }

    private Long integer() {
      int start = pos;
      if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
        pos++;
      }
      int digits = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
        pos++;
      }
      if (pos == digits) {
        throw error("expected a number");
      }
      String text = s.substring(start, pos);
      if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
        pos++; // Python 2 long, still written by old NumPy
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error("number " + describe(text) + " does not fit 64 bits");
      }
    }

    private Object name() {
      int start = pos;
      while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
        pos++;
      }
      String word = s.substring(start, pos);
      return switch (word) {
        case "True" -> Boolean.TRUE;
        case "False" -> Boolean.FALSE;
        case "None" -> NONE;
        default -> {
          pos = start;
          throw error("unexpected "
              + (word.isEmpty() ? "character '" + s.charAt(pos) + "'" : "name " + describe(word)));
        }
      };
    }

    private boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    void skipSpace() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
          || s.charAt(pos) == '\r')) {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("malformed header dict at character " + pos + ": " + what);
    }
  }
}
