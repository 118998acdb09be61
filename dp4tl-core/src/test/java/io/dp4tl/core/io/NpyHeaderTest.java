package io.dp4tl.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The .npy header dict, parsed as the Python literal NumPy reads with ast.literal_eval. */
class NpyHeaderTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)}",
    "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (3L, 4L)}",
    "{'shape': (3,4), 'fortran_order': False, 'descr': '<f4'}",
    "  {'descr':'<f4','fortran_order':False,'shape':(3, 4,)}   \n",
  })
  void readsEveryWayNumpyAndPythonWriteTheDict(String text) {
    NpyHeader h = NpyHeader.parse(text);
    assertThat(h.descr()).isEqualTo("<f4");
    assertThat(h.fortranOrder()).isFalse();
    assertThat(h.shape()).containsExactly(3, 4);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "()       | ''",
    "(7,)     | 7",
    "(200, 0) | 200 0",
    "(0,)     | 0",
  })
  void readsScalarsVectorsAndZeroWidthShapes(String shape, String dims) {
    NpyHeader h = NpyHeader.parse("{'descr': '|u1', 'fortran_order': True, 'shape': " + shape + "}");
    long[] expected = dims.isBlank() ? new long[0]
        : java.util.Arrays.stream(dims.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    assertThat(h.shape()).containsExactly(expected);
    assertThat(h.fortranOrder()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    // Issue 12 case 5: a 'shape' inside another key's string value.
    "{'descr': '<i8', 'fortran_order': False, 'x': \"'shape': (100,)\", 'shape': (200,)} | header keys must be exactly",
    "{'descr': '<i8', 'fortran_order': False}                               | header keys must be exactly",
    "{'descr': '<i8', 'descr': '<i8', 'fortran_order': False, 'shape': (2,)} | appears twice",
    "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,)}        | structured dtypes are not supported",
    "{'descr': '<i8', 'fortran_order': 0, 'shape': (2,)}                     | 'fortran_order' must be True or False",
    "{'descr': '<i8', 'fortran_order': False, 'shape': (2)}                  | a 1-D shape is written (n,)",
    "{'descr': '<i8', 'fortran_order': False, 'shape': [2]}                  | 'shape' must be a tuple",
    "{'descr': '<i8', 'fortran_order': False, 'shape': (-2,)}                | non-negative ints",
    "{'descr': '<i8', 'fortran_order': False, 'shape': ('2',)}               | non-negative ints",
    "{'descr': '<i8', 'fortran_order': False, 'shape': (99999999999999999999,)} | does not fit 64 bits",
    "{'descr': '<i8', 'fortran_order': False, 'shape': (2,)} junk            | unexpected text after the header dict",
    "{'descr': '<i8, 'fortran_order': False, 'shape': (2,)}                  | expected ',' or '}'",
    "{'descr': '<i8', 'fortran_order': False, 'shape': (2,)                  | expected ',' or '}'",
    "{'descr': '<i8', 'fortran_order': Nope, 'shape': (2,)}                  | unexpected name Nope",
    "[1, 2]                                                                  | header is not a dict",
    "((((((((((((((((((((((((((((((((((((()))))))))))))))))))))))))))))))))))) | nested deeper than 16",
    "''                                                                      | header ends early",
  })
  void refusesAnythingElseSayingWhat(String text, String message) {
    assertThatThrownBy(() -> NpyHeader.parse(text.equals("''") ? "" : text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message.trim());
  }
}
