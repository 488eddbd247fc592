package dev.tapes.agent.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON document into {@link JsonValue}s. Bytes are decoded with {@link Utf8} first, so
 * invalid UTF-8 becomes U+FFFD instead of failing the document, as it does in tapes.
 *
 * <p>Thread-safe: the factory is shared, each call creates its own parser.
 */
public final class JsonReader {
  /** Nesting deeper than this is refused rather than risking the stack. */
  private static final int MAX_DEPTH = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNestingDepth(MAX_DEPTH)
                  .build())
          .build();

  private JsonReader() {}

  public static JsonValue parse(byte[] utf8) throws JsonException {
    return parse(utf8, 0, utf8.length);
  }

  public static JsonValue parse(byte[] utf8, int off, int len) throws JsonException {
    Utf8.JsonScan scan = Utf8.scanJson(utf8, off, len);
    if (scan != Utf8.JsonScan.MALFORMED) {
      // The common case: Jackson reads the bytes directly, which is faster than decoding first.
      // Its byte reader refuses a few documents that are still readable as text (an unpaired
      // surrogate escape in a member name), so a refusal is retried below.
      // Well-formed UTF-8 decodes to scalar values only: an unpaired surrogate can come only from
      // an escape, so strings need checking only in a document that has one.
      boolean checkSurrogates = scan == Utf8.JsonScan.SURROGATE_ESCAPE;
      try (JsonParser parser = FACTORY.createParser(utf8, off, len)) {
        return readDocument(parser, new Builder(parser, utf8, off, true, checkSurrogates));
      } catch (IOException | RuntimeException | JsonException e) {
        // Read again as text: that gives the same value, or the error to report.
      }
    }
    char[] chars = new char[len];
    int n = Utf8.decode(utf8, off, len, chars);
    return parse(chars, 0, n);
  }

  public static JsonValue parse(String text) throws JsonException {
    char[] chars = text.toCharArray();
    return parse(chars, 0, chars.length);
  }

  /** Parses {@code chars[off, off+len)}; the array must not change while the result is in use. */
  public static JsonValue parse(char[] chars, int off, int len) throws JsonException {
    try (JsonParser parser = FACTORY.createParser(chars, off, len)) {
      return readDocument(parser, new Builder(parser, chars, off, false, true));
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
  }

  private static JsonValue readDocument(JsonParser parser, Builder builder)
      throws IOException, JsonException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new JsonException("empty document");
    }
    JsonValue value = builder.read(first);
    if (parser.nextToken() != null) {
      throw new JsonException("unexpected data after the JSON value");
    }
    return value;
  }

  private static JsonException failure(Exception e) {
    if (e instanceof JsonException) {
      return (JsonException) e;
    }
    return new JsonException(e.getMessage() == null ? e.toString() : firstLine(e.getMessage()));
  }

  /** The source text of a container: {@code source} is a char[] or valid UTF-8 bytes. */
  static String slice(Object source, int start, int end) {
    if (source instanceof char[]) {
      return new String((char[]) source, start, end - start);
    }
    return new String((byte[]) source, start, end - start, StandardCharsets.UTF_8);
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Turns the parser's tokens into values, recording each container's extent in the source. */
  private static final class Builder {
    private final JsonParser parser;
    private final Object source;
    private final int base;
    private final boolean bytes;
    private final boolean checkSurrogates;
    private final Map<String, String> keys = new HashMap<>();

    /**
     * @param checkSurrogates whether strings may hold unpaired surrogates, which are then replaced
     */
    Builder(JsonParser parser, Object source, int base, boolean bytes, boolean checkSurrogates) {
      this.parser = parser;
      this.source = source;
      this.base = base;
      this.bytes = bytes;
      this.checkSurrogates = checkSurrogates;
    }

    JsonValue read(JsonToken token) throws IOException {
      switch (token) {
        case START_OBJECT:
          return readObject();
        case START_ARRAY:
          return readArray();
        case VALUE_STRING:
          String text = parser.getText();
          return new JsonString(checkSurrogates ? Utf8.scalarValues(text) : text);
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          String literal = parser.getText();
          double value = Double.parseDouble(literal);
          if (Double.isInfinite(value)) {
            // Go's decoder refuses these too; a double cannot hold them.
            throw new IOException("number out of range: " + literal);
          }
          return new JsonNumber(value, literal);
        case VALUE_TRUE:
          return JsonBoolean.TRUE;
        case VALUE_FALSE:
          return JsonBoolean.FALSE;
        case VALUE_NULL:
          return JsonNull.INSTANCE;
        default:
          throw new IOException("unexpected token " + token);
      }
    }

    private JsonObject readObject() throws IOException {
      int start = offset(parser.currentTokenLocation());
      Map<String, JsonValue> members = new LinkedHashMap<>();
      JsonToken t;
      while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String key = key(parser.currentName());
        members.put(key, read(parser.nextToken()));
      }
      if (t != JsonToken.END_OBJECT) {
        throw new IOException("unterminated object");
      }
      int end = offset(parser.currentLocation());
      return new JsonObject(members, source, start, end);
    }

    private JsonArray readArray() throws IOException {
      int start = offset(parser.currentTokenLocation());
      List<JsonValue> elements = new ArrayList<>();
      JsonToken t;
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new IOException("unterminated array");
        }
        elements.add(read(t));
      }
      int end = offset(parser.currentLocation());
      return new JsonArray(elements, source, start, end);
    }

    private int offset(com.fasterxml.jackson.core.JsonLocation location) {
      return base + (int) (bytes ? location.getByteOffset() : location.getCharOffset());
    }

    /**
     * The parser shares one string per distinct name; where names need checking, so does this, as
     * keys repeat across messages.
     */
    private String key(String name) {
      if (!checkSurrogates) {
        return name;
      }
      String k = keys.get(name);
      if (k == null) {
        k = Utf8.scalarValues(name);
        keys.put(name, k);
      }
      return k;
    }
  }
}
