package dev.tapes.agent.dag;

import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonBoolean;
import dev.tapes.agent.json.JsonNumber;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An RFC 8785 (JSON Canonicalization Scheme) writer into a reusable UTF-8 buffer: no whitespace,
 * members sorted by UTF-16 code units, minimal string escapes, ECMAScript number printing.
 *
 * <p>Not thread-safe; one instance per thread, {@link #reset()} between documents.
 */
public final class CanonicalJson {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ESCAPES = escapes();

  private byte[] buf = new byte[4096];
  private int len;

  /** Where {@link #string(String)} copies a string's chars before encoding them. */
  private char[] chars = new char[1024];

  /** The canonical UTF-8 bytes of one value. */
  public static byte[] toBytes(JsonValue value) {
    CanonicalJson out = new CanonicalJson();
    out.value(value);
    return out.toByteArray();
  }

  public void reset() {
    len = 0;
  }

  public byte[] buffer() {
    return buf;
  }

  public int length() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Writes bytes that are already canonical JSON (punctuation, known keys). */
  public CanonicalJson raw(String ascii) {
    int n = ascii.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
    return this;
  }

  public CanonicalJson raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Writes any JSON value canonically. */
  public CanonicalJson value(JsonValue v) {
    if (v instanceof JsonString) {
      return string(((JsonString) v).value());
    }
    if (v instanceof JsonNumber) {
      return raw(Es6Number.format(((JsonNumber) v).doubleValue()));
    }
    if (v instanceof JsonObject) {
      return object(((JsonObject) v).members());
    }
    if (v instanceof JsonArray) {
      List<JsonValue> elements = ((JsonArray) v).elements();
      raw('[');
      for (int i = 0; i < elements.size(); i++) {
        if (i > 0) {
          raw(',');
        }
        value(elements.get(i));
      }
      return raw(']');
    }
    if (v instanceof JsonBoolean) {
      return raw(((JsonBoolean) v).value() ? "true" : "false");
    }
    return raw("null");
  }

  /** Writes an object with its members sorted by key in UTF-16 code unit order. */
  public CanonicalJson object(Map<String, JsonValue> members) {
    String[] keys = sortedKeys(members);
    raw('{');
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        raw(',');
      }
      string(keys[i]).raw(':').value(members.get(keys[i]));
    }
    return raw('}');
  }

  /** The keys in canonical order: by UTF-16 code units, which is {@link String#compareTo}. */
  static String[] sortedKeys(Map<String, JsonValue> members) {
    String[] keys = members.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    return keys;
  }

  /**
   * Writes a quoted string: escapes only {@code "}, {@code \} and controls below 0x20; everything
   * else is raw UTF-8. An unpaired surrogate is written as U+FFFD.
   */
  public CanonicalJson string(String s) {
    int n = s.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    s.getChars(0, n, chars, 0);
    return string(chars, 0, n);
  }

  /** Writes {@code text[from, to)} as a quoted string, like {@link #string(String)}. */
  public CanonicalJson string(char[] text, int from, int to) {
    return raw('"').stringContent(text, from, to).raw('"');
  }

  /**
   * Writes {@code text[from, to)} escaped as inside a string, without the quotes: for writing one
   * string in pieces. A surrogate pair must not be split between pieces.
   */
  public CanonicalJson stringContent(char[] text, int from, int to) {
    // Six bytes is the most one char can take (a control as backslash-u and four digits).
    ensure((to - from) * 6);
    byte[] b = buf;
    int o = len;
    int i = from;
    while (i < to) {
      char c;
      // Most text is runs of ASCII that needs no escape.
      while (i < to && (c = text[i]) < 0x80 && ESCAPES[c] == 0) {
        b[o++] = (byte) c;
        i++;
      }
      if (i == to) {
        break;
      }
      c = text[i++];
      if (c < 0x80) {
        byte escape = ESCAPES[c];
        b[o++] = '\\';
        if (escape > 0) {
          b[o++] = escape;
        } else {
          b[o++] = 'u';
          b[o++] = '0';
          b[o++] = '0';
          b[o++] = HEX[c >> 4];
          b[o++] = HEX[c & 0xf];
        }
      } else if (c < 0x800) {
        b[o++] = (byte) (0xc0 | (c >> 6));
        b[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        b[o++] = (byte) (0xe0 | (c >> 12));
        b[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(text[i])) {
        int cp = Character.toCodePoint(c, text[i++]);
        b[o++] = (byte) (0xf0 | (cp >> 18));
        b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[o++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        b[o++] = (byte) 0xef; // U+FFFD
        b[o++] = (byte) 0xbf;
        b[o++] = (byte) 0xbd;
      }
    }
    len = o;
    return this;
  }

  /**
   * For each ASCII char: 0 when it is written as it is, the letter of its short escape (n for a
   * newline), or -1 when it is escaped as a backslash, {@code u} and four hex digits.
   */
  private static byte[] escapes() {
    byte[] escapes = new byte[0x80];
    for (int c = 0; c < 0x20; c++) {
      escapes[c] = -1;
    }
    escapes['"'] = '"';
    escapes['\\'] = '\\';
    escapes['\b'] = 'b';
    escapes['\t'] = 't';
    escapes['\n'] = 'n';
    escapes['\f'] = 'f';
    escapes['\r'] = 'r';
    return escapes;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
