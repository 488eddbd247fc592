package dev.tapes.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** How bodies are recognised and split: the framing rules of nodes.md §3. */
class ResponseFramingTest {
  /** Records what the framing hands over. */
  private static final class Recorder implements ReplyReducer {
    final List<String> seen = new ArrayList<>();

    @Override
    public void onDocument(JsonValue document) {
      seen.add("doc " + document);
    }

    @Override
    public void onEvent(String event, byte[] data) {
      seen.add("event " + event + " " + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public Reply finish() {
      return null;
    }
  }

  private static Recorder feed(String body, ResponseFraming.Format expected) throws Exception {
    Recorder r = new Recorder();
    ResponseFraming.Format format =
        ResponseFraming.feed(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), r);
    assertEquals(expected, format);
    return r;
  }

  @Test
  void sseDataLinesOfOneEventAreJoinedWithNewlines() throws Exception {
    Recorder r =
        feed(
            "\n: keep-alive comment\nevent: delta\ndata: {\"a\":\ndata:1}\n\ndata:x\r\n\r\nid: 7\ndata:  two spaces",
            ResponseFraming.Format.SSE);
    assertEquals(
        List.of("event delta {\"a\":\n1}", "event null x", "event null  two spaces"), r.seen);
  }

  @Test
  void eachSseFieldNameIsRecognised() throws Exception {
    for (String first : List.of("data: 1", "event: e", "id: 1", "retry: 10", ": hi")) {
      feed(first + "\n\ndata: z\n\n", ResponseFraming.Format.SSE);
    }
  }

  @Test
  void twoOrMoreObjectLinesAreNdjson() throws Exception {
    Recorder r =
        feed("{\"a\":1}\n\n{\"a\":2}\nnot json\n{\"a\":3}\n", ResponseFraming.Format.NDJSON);
    assertEquals(List.of("doc {\"a\":1}", "doc {\"a\":2}", "doc {\"a\":3}"), r.seen);
  }

  @Test
  void oneObjectLineOrAPrettyPrintedDocumentIsOneJsonDocument() throws Exception {
    assertEquals(List.of("doc {\"a\":1}"), feed("{\"a\":1}\n", ResponseFraming.Format.JSON).seen);
    assertEquals(
        List.of("doc {\"a\":{\"b\":[1,2]}}"),
        feed("{\n  \"a\": {\n    \"b\": [1, 2]\n  }\n}\n", ResponseFraming.Format.JSON).seen);
  }

  @Test
  void emptyBodyIsReportedAsNoFormat() throws Exception {
    assertNull(ResponseFraming.feed(new ByteArrayInputStream(new byte[0]), new Recorder()));
  }

  @Test
  void aDocumentThatDoesNotParseIsAnError() {
    assertThrows(
        JsonException.class, () -> feed("{\"a\":1}\n{\"b\":", ResponseFraming.Format.JSON));
  }

  /** A stream is consumed one line at a time: nothing waits for the end of the body. */
  @Test
  void sseEventsAreDeliveredBeforeTheBodyEnds() throws Exception {
    List<String> seen = new ArrayList<>();
    byte[] first = "data: one\n\n".getBytes(StandardCharsets.UTF_8);
    InputStream body =
        new InputStream() {
          int pos;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (pos < first.length) {
              int n = Math.min(len, first.length - pos);
              System.arraycopy(first, pos, b, off, n);
              pos += n;
              return n;
            }
            // The first event must have been handed over before the framing asks for more.
            assertEquals(List.of("one"), seen);
            return -1;
          }
        };
    ResponseFraming.feed(
        body,
        new ReplyReducer() {
          @Override
          public void onDocument(JsonValue document) {}

          @Override
          public void onEvent(String event, byte[] data) {
            seen.add(new String(data, StandardCharsets.UTF_8));
          }

          @Override
          public Reply finish() {
            return null;
          }
        });
    assertEquals(List.of("one"), seen);
  }

  @Test
  void gzipStreamedBodyHashesLikeThePlainOne() throws Exception {
    String sse =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"zip\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    byte[] plain = sse.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(plain);
    }
    byte[] request = Turns.utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
    assertEquals(
        Turns.hashes(Turns.turn(Provider.OPENAI, request, plain)),
        Turns.hashes(Turns.turn(Provider.OPENAI, request, zipped.toByteArray())));
  }

  @Test
  void dropReasonsForBodiesThatAreNotTurns() {
    byte[] request = Turns.utf8("{\"messages\":[]}");
    assertEquals(
        DropReason.EMPTY_RESPONSE, Turns.parse(Provider.OPENAI, request, new byte[0]).dropReason());
    assertEquals(
        DropReason.REDUCER_ERROR,
        Turns.parse(Provider.OPENAI, request, Turns.utf8("<html>502</html>")).dropReason());
    assertEquals(
        DropReason.REDUCER_ERROR,
        Turns.parse(Provider.OPENAI, Turns.utf8("[1,2]"), Turns.utf8("{}")).dropReason());
    assertEquals(
        DropReason.RESPONSE_DECODE,
        Turns.parse(Provider.OPENAI, request, new byte[] {0x1f, (byte) 0x8b, 8, 0}).dropReason());
  }

  @Test
  void numbersBeyondDoubleRangeMakeTheDocumentUnreadable() {
    byte[] request = Turns.utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
    assertEquals(
        DropReason.REDUCER_ERROR,
        Turns.parse(Provider.OPENAI, Turns.utf8("{\"n\":1e400,\"messages\":[]}"), Turns.utf8("{}"))
            .dropReason());
    Turn turn =
        Turns.turn(
            Provider.OPENAI,
            request,
            Turns.utf8(
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
                    + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"n\\\":1e400}\"}}]}}]}"));
    assertEquals(List.of(), turn.reply().message().blocks());
  }
}
