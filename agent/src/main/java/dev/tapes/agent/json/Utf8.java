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

  /** Reads eight bytes of an array at once, to skip ASCII text a word at a time. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The high bit of each byte of a long: none is set when all eight bytes are ASCII. */
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
    int end = off + len;
    int i = off;
    while (i < end) {
      if (i + Long.BYTES <= end && ((long) LONGS.get(src, i) & HIGH_BITS) == 0) {
        i += Long.BYTES; // eight ASCII bytes
        continue;
      }
      int b0 = src[i];
      if (b0 >= 0) {
        i++;
        continue;
      }
      b0 &= 0xff;
      int need = sequenceLength(b0);
      if (need == 0 || i + need > end || !continues(src, i, b0, need)) {
        return false;
      }
      i += need;
    }
    return true;
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
