package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The application does not notice the agent: timing, failures and other URLs are unchanged. */
class JdkClientBehaviourIT {
  @TempDir Path tmp;

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  /** Five SSE chunks sent 200 ms apart still arrive 200 ms apart, not all at the end. */
  @ParameterizedTest
  @MethodSource("jdks")
  void streamedReplyStillArrivesIncrementally(Path java) throws Exception {
    String[] chunks = new String[5];
    for (int i = 0; i < 5; i++) {
      chunks[i] =
          "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"part " + i + " \"}}]}\n\n";
    }
    Path events = tmp.resolve("events.jsonl");
    long[] without = arrivalTimes(java, chunks, List.of());
    long[] with = arrivalTimes(java, chunks, agent(events));

    for (long[] times : List.of(without, with)) {
      assertEquals(5, times.length, Arrays.toString(times));
      // The first chunk can be late (connection set-up, class loading), so its gap is not counted.
      assertTrue(times[4] - times[0] >= 600, Arrays.toString(times));
      for (int i = 2; i < times.length; i++) {
        long gap = times[i] - times[i - 1];
        assertTrue(
            gap >= 120,
            "chunk "
                + i
                + " arrived "
                + gap
                + " ms after the one before: "
                + Arrays.toString(times));
      }
    }
    System.out.println(
        "arrival times without agent "
            + Arrays.toString(without)
            + ", with "
            + Arrays.toString(with));
    assertEquals(2, Events.read(events).size(), "the streamed turn is still recorded");
  }

  /**
   * Connection failures, error statuses, a stream closed early and calls to other URLs give the
   * application exactly what it gets without the agent; only the turns are recorded. The request a
   * response reports still holds the application's own body publisher, and a call that never
   * reached the server is accounted for as a client disconnect, not left in flight.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void failuresAndOtherUrlsReachTheApplicationUnchanged(Path java) throws Exception {
    String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    List<String> steps =
        List.of(
            step("POST", "http://127.0.0.1:1/v1/chat/completions", "ofString", chat),
            step("POST", "/v1/chat/completions", "ofString", chat),
            step("POST", "/v1/chat/completions", "ofInputStreamClosedEarly", chat),
            step("GET", "/v1/models", "ofString", ""),
            step("POST", "/api/hello", "ofByteArray", chat),
            step("POST", "/v1/chat/completions", "requestPublisher", chat),
            "JMX");
    Path script = Files.write(tmp.resolve("script.txt"), steps);
    Path events = tmp.resolve("events.jsonl");

    Jvm.Result plain = run(java, script, List.of());
    Jvm.Result withAgent = run(java, script, agent(events));

    String[] lines = withAgent.out.split("\n");
    String[] plainLines = plain.out.split("\n");
    assertEquals(
        List.of(plainLines).subList(0, plainLines.length - 1),
        List.of(lines).subList(0, lines.length - 1));
    assertTrue(lines[0].startsWith("error java.net.ConnectException"), lines[0]);
    assertTrue(
        new String(Base64.getDecoder().decode(lines[5].substring(3)), StandardCharsets.UTF_8)
            .endsWith("same publisher: true"),
        lines[5]);
    assertEquals("jmx none", plainLines[plainLines.length - 1]);
    assertTrue(
        lines[lines.length - 1].contains(
            "DroppedByReason={client_disconnect=1, upstream_status=1}"),
        lines[lines.length - 1]);
    // The 500 and the other URLs leave no node. The stream the application closed early is kept
    // as far as it arrived, marked incomplete; the last exchange is a complete turn.
    List<String> recorded = Events.read(events);
    assertEquals(3, recorded.size(), String.join("\n", recorded));
    assertTrue(recorded.get(1).contains("\"stop_reason\":\"incomplete\""), recorded.get(1));
    assertTrue(recorded.get(2).contains("\"text\":\"the end\""), recorded.get(2));
    assertEquals(Events.hash(recorded.get(0)), Events.parent(recorded.get(2)));
  }

  private Jvm.Result run(Path java, Path script, List<String> options) throws Exception {
    try (LlmServer server = new LlmServer()) {
      server.enqueue(LlmServer.Reply.status(500, "{\"error\":{\"message\":\"overloaded\"}}"));
      // The end of this stream comes a second after its start: the application has closed it by
      // then, so the capture is cut short however fast the machine.
      StringBuilder big = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        big.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"chunk ")
            .append(i)
            .append(" \"}}]}\n\n");
      }
      server.enqueue(
          LlmServer.Reply.stream(Conversations.SSE, 1000, big.toString(), "data: [DONE]\n\n"));
      server.enqueue(LlmServer.Reply.json("{\"data\":[{\"id\":\"m\"}]}"));
      server.enqueue(LlmServer.Reply.json("{\"hello\":\"world\"}"));
      server.enqueue(
          LlmServer.Reply.json(
              "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"the end\"},\"finish_reason\":\"stop\"}]}"));
      Jvm.Result r = Jvm.jdkClientApp(java, options, server.baseUrl(), script, tmp);
      assertEquals(0, r.code, r.err);
      return r;
    }
  }

  private long[] arrivalTimes(Path java, String[] chunks, List<String> options) throws Exception {
    Path script =
        Files.write(
            tmp.resolve("timed.txt"),
            List.of(
                step(
                    "POST",
                    "/v1/chat/completions",
                    "arrivalTimes",
                    "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}")));
    try (LlmServer server = new LlmServer()) {
      server.enqueue(LlmServer.Reply.stream(Conversations.SSE, 200, chunks));
      Jvm.Result r = Jvm.jdkClientApp(java, options, server.baseUrl(), script, tmp);
      assertEquals(0, r.code, r.err);
      String line = r.out.trim();
      assertTrue(line.startsWith("ok "), line);
      String times =
          new String(Base64.getDecoder().decode(line.substring(3)), StandardCharsets.UTF_8);
      return Arrays.stream(times.split(" ")).mapToLong(Long::parseLong).toArray();
    }
  }

  private static List<String> agent(Path events) {
    List<String> options = new ArrayList<>();
    options.add("-javaagent:" + Jvm.AGENT_JAR);
    options.add("-Dtapes.file=" + events);
    return options;
  }

  private static String step(String method, String path, String handler, String body) {
    return method
        + "|"
        + path
        + "|"
        + handler
        + "|"
        + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The client gives the application's executor the same work with the agent as without: copying a
   * body through the JDK's own handlers ({@code ofString}, {@code ofLines}, {@code ofInputStream},
   * ...) does not make the client hand their completion to the executor, one more task and thread
   * hop per call.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void theApplicationsExecutorRunsNoMoreTasks(Path java) throws Exception {
    List<String> handlers =
        List.of("ofString", "ofByteArray", "sendAsync", "ofInputStream", "ofLines", "ofPublisher");
    int rounds = 20;
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      for (String handler : handlers) {
        String chat =
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi "
                + steps.size()
                + "\"}]}";
        steps.add(step("POST", "/v1/chat/completions", handler, chat));
      }
    }
    steps.add(step("TASKS", "", "", ""));
    Path script = Files.write(tmp.resolve("tasks.txt"), steps);
    Path events = tmp.resolve("events.jsonl");
    long without = tasks(java, List.of("-Dapp.countTasks=true"), script);
    List<String> withAgent = new ArrayList<>(agent(events));
    withAgent.add("-Dapp.countTasks=true");
    long with = tasks(java, withAgent, script);

    int calls = rounds * handlers.size();
    System.out.println(
        "executor tasks for " + calls + " calls: without agent " + without + ", with " + with);
    // A few tasks either way are the client's own races; one per call would be the agent's.
    assertTrue(without >= calls, "the client used its executor: " + without);
    assertTrue(
        Math.abs(with - without) <= calls / 10,
        "without agent " + without + " tasks, with " + with + " for " + calls + " calls");
    assertEquals(calls * 2, Events.read(events).size(), "every call was still recorded");
  }

  private long tasks(Path java, List<String> options, Path script) throws Exception {
    try (LlmServer server = new LlmServer()) {
      int calls =
          (int) Files.readAllLines(script).stream().filter(l -> l.startsWith("POST")).count();
      for (int i = 0; i < calls; i++) {
        server.enqueue(
            LlmServer.Reply.json(
                "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"hey\"},\"finish_reason\":\"stop\"}]}"));
      }
      Jvm.Result r = Jvm.jdkClientApp(java, options, server.baseUrl(), script, tmp);
      assertEquals(0, r.code, r.err);
      assertEquals(calls, r.out.lines().filter(l -> l.startsWith("ok ")).count(), r.out);
      String line = r.out.lines().filter(l -> l.startsWith("tasks ")).findFirst().orElseThrow();
      return Long.parseLong(line.substring("tasks ".length()));
    }
  }

  /** The counters an operator reads over JMX match what happened. */
  @ParameterizedTest
  @MethodSource("jdks")
  void countersAreReadableOverJmx(Path java) throws Exception {
    String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Path script =
        Files.write(
            tmp.resolve("jmx.txt"),
            List.of(
                step("POST", "/v1/chat/completions", "ofString", chat),
                step("POST", "/v1/chat/completions", "ofString", chat),
                step("GET", "/v1/models", "ofString", ""),
                step("JMX", "", "", "")));
    try (LlmServer server = new LlmServer()) {
      server.enqueue(
          LlmServer.Reply.json(
              "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hey\"},\"finish_reason\":\"stop\"}]}"));
      server.enqueue(LlmServer.Reply.status(429, "{\"error\":\"slow down\"}"));
      server.enqueue(LlmServer.Reply.json("{\"data\":[]}"));
      Jvm.Result r =
          Jvm.jdkClientApp(java, agent(tmp.resolve("events.jsonl")), server.baseUrl(), script, tmp);
      assertEquals(0, r.code, r.err);
      String jmx = r.out.lines().filter(l -> l.startsWith("jmx ")).findFirst().orElse("");
      assertEquals(
          "jmx Captured=2 Turns=1 Published=2 Dropped=1 QueueDepth=0 DroppedByReason={upstream_status=1}",
          jmx);
    }
  }
}
