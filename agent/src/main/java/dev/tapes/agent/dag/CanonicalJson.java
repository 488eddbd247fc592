package dev.tapes.agent.dag;

import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonBoolean;
import dev.tapes.agent.json.JsonNumber;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

  private byte[] buf = new byte[4096];
  private int len;

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
    List<String> keys = new ArrayList<>(members.keySet());
    Collections.sort(keys);
    raw('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        raw(',');
      }
      string(keys.get(i)).raw(':').value(members.get(keys.get(i)));
    }
    return raw('}');
  }

  /**
   * Writes a quoted string: escapes only {@code "}, {@code \} and controls below 0x20; everything
   * else is raw UTF-8. The string must hold scalar values only (an unpaired surrogate is written as
   * U+FFFD).
   */
  public CanonicalJson string(String s) {
    if (s.length() >= 16 && appendAsciiRun(s)) {
      return this;
    }
    int n = s.length();
    ensure(n * 3 + 2);
    byte[] b = buf;
    int o = len;
    b[o++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c == '"' || c == '\\') {
          ensureAt(o, 2 + (n - i) * 3);
          b = buf;
          b[o++] = '\\';
        }
        b[o++] = (byte) c;
      } else if (c < 0x20) {
        ensureAt(o, 6 + (n - i) * 3);
        b = buf;
        o = escapeControl(b, o, c);
      } else if (c < 0x800) {
        b[o++] = (byte) (0xc0 | (c >> 6));
        b[o++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[o++] = (byte) (0xf0 | (cp >> 18));
        b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        b[o++] = (byte) (0x80 | (cp & 0x3f));
      } else {
        char ch = Character.isSurrogate(c) ? '\uFFFD' : c;
        b[o++] = (byte) (0xe0 | (ch >> 12));
        b[o++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
        b[o++] = (byte) (0x80 | (ch & 0x3f));
      }
    }
    b[o++] = '"';
    len = o;
    return this;
  }

  /**
   * The common case, text with nothing to escape and no character above U+007F, through the JDK's
   * own (vectorised) encoder; returns false, having written nothing, for any other text.
   */
  private boolean appendAsciiRun(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < bytes.length; i++) {
      // Bytes below 0x20, and above 0x7F (negative), need escaping or UTF-8 encoding; a character
      // outside Latin-1 comes back as '?'.
      byte x = bytes[i];
      if (x < 0x20 || x == '"' || x == '\\' || (x == '?' && s.charAt(i) != '?')) {
        return false;
      }
    }
    ensure(bytes.length + 2);
    buf[len++] = '"';
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    buf[len++] = '"';
    return true;
  }

  private static int escapeControl(byte[] b, int o, char c) {
    b[o++] = '\\';
    switch (c) {
      case '\b':
        b[o++] = 'b';
        break;
      case '\t':
        b[o++] = 't';
        break;
      case '\n':
        b[o++] = 'n';
        break;
      case '\f':
        b[o++] = 'f';
        break;
      case '\r':
        b[o++] = 'r';
        break;
      default:
        b[o++] = 'u';
        b[o++] = '0';
        b[o++] = '0';
        b[o++] = HEX[c >> 4];
        b[o++] = HEX[c & 0xf];
    }
    return o;
  }

  private void ensure(int extra) {
    ensureAt(len, extra);
  }

  private void ensureAt(int position, int extra) {
    if (position + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, position + extra));
    }
  }
}
