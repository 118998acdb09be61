package io.dp4tl.examples.glyph;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** A set of characters the glyph source can render, one class per character. */
public enum GlyphClassSet {
  /** The 62 ASCII digits and letters, in the order 0-9, A-Z, a-z. */
  LATIN_ALNUM {
    @Override
    public int[] codePoints() {
      return IntStream.concat(IntStream.rangeClosed('0', '9'),
          IntStream.concat(IntStream.rangeClosed('A', 'Z'), IntStream.rangeClosed('a', 'z'))).toArray();
    }
  },
  /** The 49 modern Greek letters: capitals U+0391-U+03A9 (no U+03A2), small U+03B1-U+03C9 (with final sigma). */
  GREEK {
    @Override
    public int[] codePoints() {
      return IntStream.concat(IntStream.rangeClosed(0x391, 0x3A9).filter(c -> c != 0x3A2), IntStream.rangeClosed(0x3B1, 0x3C9))
          .toArray();
    }
  },
  /** The 66 Russian Cyrillic letters: U+0410-U+044F plus Ё and ё. */
  CYRILLIC {
    @Override
    public int[] codePoints() {
      return IntStream.concat(IntStream.of(0x401), IntStream.concat(IntStream.rangeClosed(0x410, 0x44F), IntStream.of(0x451)))
          .toArray();
    }
  },
  /**
   * Common CJK ideographs: GB2312 level 1 (3,755 hanzi) united with JIS X 0208 level 1 (2,965
   * kanji), decoded with {@link java.nio.charset} (EUC-CN rows 16-55, EUC-JP rows 16-47), in code
   * point order.
   */
  CJK {
    @Override
    public int[] codePoints() {
      TreeSet<Integer> all = new TreeSet<>();
      decodeRows(Charset.forName("GB2312"), 0xB0, 0xD7, all);
      decodeRows(Charset.forName("EUC-JP"), 0xB0, 0xCF, all);
      return all.stream().mapToInt(Integer::intValue).toArray();
    }
  };

  /** The characters of this set as Unicode code points, in class order. */
  public abstract int[] codePoints();

  /** Decodes every two-byte EUC code {@code (lead, 0xA1..0xFE)} of the lead bytes given; unassigned codes are skipped. */
  private static void decodeRows(Charset charset, int firstLead, int lastLead, TreeSet<Integer> out) {
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int lead = firstLead; lead <= lastLead; lead++) {
      for (int trail = 0xA1; trail <= 0xFE; trail++) {
        try {
          CharBuffer c = decoder.reset().decode(ByteBuffer.wrap(new byte[] {(byte) lead, (byte) trail}));
          if (c.length() == 1 && Character.isIdeographic(c.charAt(0))) {
            out.add((int) c.charAt(0));
          }
        } catch (CharacterCodingException e) {
          // an unassigned code point at the end of a row: not a character
        }
      }
    }
  }
}
