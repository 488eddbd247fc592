package dev.tapes.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.agent.llm.DropReason;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.publish.NodeEvent;
import dev.tapes.agent.publish.Sink;
import dev.tapes.agent.testing.ListSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The pipeline's decisions: drop reasons, dedup of re-sent prefixes, the queue bound. */
class PipelineTest {
  private final List<NodeEvent> published = new ArrayList<>();
  private final Sink sink = new ListSink(published);
  private final Counters counters = new Counters();
  private final Pipeline pipeline = new Pipeline(sink, counters, 2, "p", "a");

  private static final String REQUEST_1 =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String REPLY =
      "{\"model\":\"m\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}";

  private static Exchange exchange(
      int status, String request, byte[] response, String encoding, boolean cut) {
    return new Exchange(
        Provider.OPENAI, "POST", status, utf8(request), null, response, encoding, null, cut);
  }

  @Test
  void nodesAlreadyPublishedAreNotPublishedAgain() {
    pipeline.process(exchange(200, REQUEST_1, utf8(REPLY), null, false));
    String request2 =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"user\",\"content\":\"bye\"}]}";
    pipeline.process(exchange(200, request2, utf8(REPLY), null, false));
    assertEquals(4, published.size());
    assertEquals(published.get(1).node().hash(), published.get(2).node().parentHash());
    assertEquals(4, counters.publishedCount());
    assertEquals(2, counters.turnCount());
  }

  @Test
  void eachExchangeThatIsNotATurnCountsUnderOneReason() {
    pipeline.process(exchange(429, REQUEST_1, utf8("{}"), null, false));
    pipeline.process(exchange(200, REQUEST_1, new byte[0], null, false));
    pipeline.process(exchange(200, REQUEST_1, utf8(REPLY), "br", false));
    pipeline.process(exchange(200, REQUEST_1, utf8("<html>"), null, false));
    pipeline.process(
        new Exchange(
            Provider.OPENAI, "GET", 200, new byte[0], null, utf8(REPLY), null, null, false));
    pipeline.process(
        new Exchange(
            Provider.OPENAI,
            "POST",
            200,
            utf8(REQUEST_1),
            null,
            utf8(REPLY),
            null,
            DropReason.REQUEST_OVER_BUDGET,
            false));
    assertEquals(
        Map.of(
            "upstream_status", 1L,
            "empty_response", 1L,
            "response_decode", 1L,
            "reducer_error", 1L,
            "non_turn_request", 1L,
            "request_over_budget", 1L),
        counters.droppedByReason());
    assertEquals(List.of(), published);
  }

  @Test
  void gzipResponsesAreDecodedByTheirContentEncoding() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(utf8(REPLY));
    }
    pipeline.process(exchange(200, REQUEST_1, zipped.toByteArray(), "gzip", false));
    assertEquals(2, published.size());
  }

  @Test
  void aStreamCutShortIsKeptWithStopReasonIncomplete() {
    String partial =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n";
    pipeline.process(exchange(200, REQUEST_1, utf8(partial), null, true));
    assertEquals(2, published.size());
    assertEquals(
        "incomplete",
        published.get(1).toJson().replaceAll(".*\"stop_reason\":\"([^\"]*)\".*", "$1"));
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() {
    // The pipeline is not started: nothing drains the queue of two.
    for (int i = 0; i < 5; i++) {
      pipeline.submit(exchange(200, REQUEST_1, utf8(REPLY), null, false));
    }
    assertEquals(5, counters.capturedCount());
    assertEquals(2, pipeline.queueDepth());
    assertEquals(3, counters.droppedCount(DropReason.QUEUE_FULL));
  }

  @Test
  void exchangesHandedOverOneByOneAreFoundByTheBackgroundThreadAndThoseLeftAtShutdownFinished()
      throws Exception {
    List<NodeEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Pipeline started = new Pipeline(new ListSink(seen), new Counters(), 1000, "p", "a");
    started.start();
    // One exchange does not wake the thread; it finds it when it next looks.
    started.submit(exchange(200, REQUEST_1, utf8(REPLY), null, false));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seen.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(2, seen.size());
    // Idle for a while, the thread looks less often; shutdown still finishes what is queued.
    Thread.sleep(300);
    String request2 =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"user\",\"content\":\"bye\"}]}";
    started.submit(exchange(200, request2, utf8(REPLY), null, false));
    started.shutdown(5000);
    assertEquals(4, seen.size());
    assertEquals(seen.get(1).node().hash(), seen.get(2).node().parentHash());
  }

  @Test
  void anExchangeStillCompletingWhenTheJvmExitsIsPublished() throws Exception {
    List<NodeEvent> seen = Collections.synchronizedList(new ArrayList<>());
    Counters counted = new Counters();
    Pipeline started = new Pipeline(new ListSink(seen), counted, 1000, "p", "a");
    started.start();
    started.exchangeStarted();
    // The client signals the end of the reply on its own thread, just after the exit began.
    Thread client =
        new Thread(
            () -> {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
              started.submit(exchange(200, REQUEST_1, utf8(REPLY), null, false));
            });
    client.start();
    started.shutdown(3000);
    client.join();
    assertEquals(2, seen.size());
    assertEquals(0, counted.droppedTotal());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
