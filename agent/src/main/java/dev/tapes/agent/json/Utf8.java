package dev.tapes.agent.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes UTF-8 the way the tapes hash expects: every byte that does not begin a well-formed
 * sequence becomes one U+FFFD. The JDK decoder folds some malformed sequences into a single
 * replacement character, so it cannot be used where hashes must agree.
 */
public final class Utf8 {
  private static final char REPLACEMENT = '\uFFFD';

  /** Reads eight bytes of an array at once, to skip plain ASCII text a word at a time. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The high bit of each byte of a long. */
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /** Decodes {@code len} bytes into a new string. */
  public static String decode(byte[] src, int off, int len) {
    char[] chars = new char[len];
    int n = decode(src, off, len, chars);
    return new String(chars, 0, n);
  }

  /**
   * Decodes {@code len} bytes of {@code src} into {@code dst}, which must hold at least {@code len}
   * chars (no input byte yields more than one char, and a four-byte sequence yields two).
   *
   * @return the number of chars written
   */
  public static int decode(byte[] src, int off, int len, char[] dst) {
    int end = off + len;
    int i = off;
    int o = 0;
    while (i < end) {
      int b0 = src[i];
      if (b0 >= 0) {
        dst[o++] = (char) b0;
        i++;
        continue;
      }
      b0 &= 0xff;
      int need = sequenceLength(b0);
      if (need == 0 || i + need > end || !continues(src, i, b0, need)) {
        dst[o++] = REPLACEMENT;
        i++;
        continue;
      }
      if (need == 2) {
        dst[o++] = (char) (((b0 & 0x1f) << 6) | (src[i + 1] & 0x3f));
      } else if (need == 3) {
        dst[o++] = (char) (((b0 & 0x0f) << 12) | ((src[i + 1] & 0x3f) << 6) | (src[i + 2] & 0x3f));
      } else {
        int cp =
            ((b0 & 0x07) << 18)
                | ((src[i + 1] & 0x3f) << 12)
                | ((src[i + 2] & 0x3f) << 6)
                | (src[i + 3] & 0x3f);
        dst[o++] = Character.highSurrogate(cp);
        dst[o++] = Character.lowSurrogate(cp);
      }
      i += need;
    }
    return o;
  }

  /** True when the bytes are well-formed UTF-8, by the same rules as {@link #decode}. */
  public static boolean isValid(byte[] src, int off, int len) {
    return scanJson(src, off, len) != JsonScan.MALFORMED;
  }

  /** What {@link #scanJson} found in the bytes of a JSON document. */
  enum JsonScan {
    /** Not well-formed UTF-8. */
    MALFORMED,
    /** Well-formed, and no string can hold an unpaired surrogate: there is no surrogate escape. */
    SCALAR_VALUES,
    /** Well-formed, with a backslash, {@code u} and {@code d} or {@code D} somewhere. */
    SURROGATE_ESCAPE
  }

  /**
   * Checks that the bytes are well-formed UTF-8 (as {@link #isValid}) and, in the same pass,
   * whether they hold what may be a surrogate escape: such text then decodes to scalar values only
   * where no escape introduces a surrogate.
   */
  static JsonScan scanJson(byte[] src, int off, int len) {
    int end = off + len;
    boolean surrogateEscape = false;
    int i = off;
    while (i < end) {
      if (i + Long.BYTES <= end) {
        // Eight bytes at a time, up to the first that is not plain ASCII.
        long special = specialBytes((long) LONGS.get(src, i));
        if (special == 0) {
          i += Long.BYTES;
          continue;
        }
        i += Long.numberOfTrailingZeros(special) >>> 3;
      }
      int b0 = src[i];
      if (b0 >= 0) {
        if (b0 == '\\' && i + 2 < end && src[i + 1] == 'u' && (src[i + 2] | 0x20) == 'd') {
          surrogateEscape = true;
        }
        i++;
        continue;
      }
      b0 &= 0xff;
      int need = sequenceLength(b0);
      if (need == 0 || i + need > end || !continues(src, i, b0, need)) {
        return JsonScan.MALFORMED;
      }
      i += need;
    }
    return surrogateEscape ? JsonScan.SURROGATE_ESCAPE : JsonScan.SCALAR_VALUES;
  }

  /**
   * Marks, with its high bit, each of eight bytes (read little-endian) that is above 0x7F or a
   * backslash; the lowest mark is always exact, though marks above it may be false. A backslash is
   * a zero byte of {@code word ^ 0x5c5c...}, which the classic zero-byte test finds.
   */
  private static long specialBytes(long word) {
    long x = word ^ 0x5c5c5c5c5c5c5c5cL;
    return (word | ((x - 0x0101010101010101L) & ~x)) & HIGH_BITS;
  }

  /**
   * Returns {@code s} with every unpaired surrogate replaced by U+FFFD, or {@code s} itself when it
   * has none (the common case, emoji included, costs one scan).
   */
  public static String scalarValues(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        i++;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i += 2;
      } else {
        break;
      }
    }
    if (i == n) {
      return s;
    }
    StringBuilder out = new StringBuilder(n).append(s, 0, i);
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
      i++;
    }
    return out.toString();
  }

  /** The length of the sequence a lead byte announces, or 0 when it cannot lead one. */
  private static int sequenceLength(int b0) {
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      return 2;
    }
    if (b0 >= 0xe0 && b0 <= 0xef) {
      return 3;
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
      return 4;
    }
    return 0;
  }

  /**
   * Checks the continuation bytes, with the narrower second-byte ranges that exclude overlong
   * forms, surrogates and code points above U+10FFFF.
   */
  private static boolean continues(byte[] src, int i, int b0, int need) {
    int b1 = src[i + 1] & 0xff;
    int lo = 0x80;
    int hi = 0xbf;
    if (b0 == 0xe0) {
      lo = 0xa0;
    } else if (b0 == 0xed) {
      hi = 0x9f;
    } else if (b0 == 0xf0) {
      lo = 0x90;
    } else if (b0 == 0xf4) {
      hi = 0x8f;
    }
    if (b1 < lo || b1 > hi) {
      return false;
    }
    for (int k = 2; k < need; k++) {
      int b = src[i + k] & 0xff;
      if (b < 0x80 || b > 0xbf) {
        return false;
      }
    }
    return true;
  }
}
