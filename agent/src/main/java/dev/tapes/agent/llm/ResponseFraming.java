package dev.tapes.agent.llm;

import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.json.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Recognises how a response body is framed (server-sent events, NDJSON, or one JSON document) and
 * feeds it to a {@link ReplyReducer} piece by piece. Streams are read a line at a time, so a long
 * stream costs the size of its largest event, not of the body.
 *
 * <p>Recognition: a body whose first non-blank line starts with {@code data:}, {@code event:},
 * {@code id:}, {@code retry:} or {@code :} is SSE; a body whose first two non-blank lines are each
 * a JSON object is NDJSON; anything else is one JSON document.
 */
public final class ResponseFraming {
  /** How a body was framed. */
  public enum Format {
    SSE,
    NDJSON,
    JSON
  }

  private ResponseFraming() {}

  /**
   * Reads {@code body} to its end into {@code reducer}.
   *
   * @return the format recognised, or null when the body had no bytes
   * @throws JsonException when the body is a single document that does not parse
   * @throws IOException when reading fails (a {@link BodyDecoding.DecodeException} for decoding)
   */
  public static Format feed(InputStream body, ReplyReducer reducer)
      throws IOException, JsonException {
    LineSource lines = new LineSource(body);
    byte[] first = lines.nextNonBlank();
    if (first == null) {
      if (lines.consumed() == 0) {
        return null;
      }
      throw new JsonException("blank body");
    }

    if (isSseLine(first)) {
      lines.stopRecording();
      feedSse(first, lines, reducer);
      return Format.SSE;
    }

    JsonValue firstDoc = parseObjectLine(first);
    if (firstDoc != null) {
      byte[] second = lines.nextNonBlank();
      if (second == null) {
        reducer.onDocument(firstDoc);
        return Format.JSON;
      }
      JsonValue secondDoc = parseObjectLine(second);
      if (secondDoc != null) {
        lines.stopRecording();
        reducer.onDocument(firstDoc);
        reducer.onDocument(secondDoc);
        feedNdjson(lines, reducer);
        return Format.NDJSON;
      }
    }

    byte[] whole = lines.everything();
    reducer.onDocument(JsonReader.parse(whole));
    return Format.JSON;
  }

  private static boolean isSseLine(byte[] line) {
    return startsWith(line, "data:")
        || startsWith(line, "event:")
        || startsWith(line, "id:")
        || startsWith(line, "retry:")
        || startsWith(line, ":");
  }

  private static void feedSse(byte[] first, LineSource lines, ReplyReducer reducer)
      throws IOException {
    String event = null;
    EventData data = new EventData();
    byte[] line = first;
    while (line != null) {
      if (line.length == 0) {
        dispatch(event, data, reducer);
        event = null;
      } else if (line[0] != ':') {
        int colon = indexOf(line, (byte) ':');
        int nameEnd = colon < 0 ? line.length : colon;
        int start = line.length;
        if (colon >= 0) {
          start = colon + 1;
          if (start < line.length && line[start] == ' ') {
            start++;
          }
        }
        if (isField(line, nameEnd, "data")) {
          data.add(line, start, line.length - start);
        } else if (isField(line, nameEnd, "event")) {
          event = Utf8.decode(line, start, line.length - start);
        }
      }
      line = lines.next();
    }
    dispatch(event, data, reducer);
  }

  private static void dispatch(String event, EventData data, ReplyReducer reducer) {
    if (!data.isEmpty()) {
      reducer.onEvent(event, data.take());
    }
  }

  /** The {@code data:} lines of one event, joined with newlines, as bytes. */
  private static final class EventData {
    private byte[] bytes = new byte[256];
    private int length;
    private int lines;

    void add(byte[] line, int off, int len) {
      if (lines++ > 0) {
        ensure(1);
        bytes[length++] = '\n';
      }
      ensure(len);
      System.arraycopy(line, off, bytes, length, len);
      length += len;
    }

    boolean isEmpty() {
      return lines == 0;
    }

    /** The joined data, after which the builder is empty again. */
    byte[] take() {
      byte[] out = Arrays.copyOf(bytes, length);
      length = 0;
      lines = 0;
      return out;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }

  private static void feedNdjson(LineSource lines, ReplyReducer reducer) throws IOException {
    byte[] line;
    while ((line = lines.nextNonBlank()) != null) {
      JsonValue doc = parseObjectLine(line);
      if (doc != null) {
        reducer.onDocument(doc);
      }
    }
  }

  private static JsonValue parseObjectLine(byte[] line) {
    int start = 0;
    while (start < line.length && (line[start] == ' ' || line[start] == '\t')) {
      start++;
    }
    if (start == line.length || line[start] != '{') {
      return null;
    }
    try {
      return JsonReader.parse(line, 0, line.length);
    } catch (JsonException e) {
      return null;
    }
  }

  private static boolean startsWith(byte[] line, String prefix) {
    if (line.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code line[0, end)} is the field name {@code name} (ASCII). */
  private static boolean isField(byte[] line, int end, String name) {
    return end == name.length() && startsWith(line, name);
  }

  private static int indexOf(byte[] line, byte b) {
    for (int i = 0; i < line.length; i++) {
      if (line[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
