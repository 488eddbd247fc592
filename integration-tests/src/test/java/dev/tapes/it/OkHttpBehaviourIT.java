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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An OkHttp application does not notice the agent: streams arrive as they are sent, failures and
 * other URLs are unchanged, and an OkHttp the agent does not know is left alone.
 */
class OkHttpBehaviourIT {
  @TempDir Path tmp;

  static Stream<Arguments> versionsOnEveryJdk() {
    List<Arguments> out = new ArrayList<>();
    for (Path java : Jdks.javaExecutables()) {
      for (String version : Apps.OKHTTP_VERSIONS) {
        out.add(Arguments.of(version, java));
      }
    }
    return out.stream();
  }

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  /**
   * Five chunks sent 200 ms apart still arrive 200 ms apart, read from the body's source and
   * through okhttp-sse, not all at the end.
   */
  @ParameterizedTest(name = "OkHttp {0} on {1}")
  @MethodSource("versionsOnEveryJdk")
  void streamedRepliesStillArriveIncrementally(String version, Path java) throws Exception {
    Path events = tmp.resolve("events.jsonl");
    List<long[]> without = arrivalTimes(java, version, List.of());
    List<long[]> with = arrivalTimes(java, version, OkHttpCaptureIT.agent(events));

    for (List<long[]> run : List.of(without, with)) {
      for (long[] times : run) {
        assertEquals(5, times.length, Arrays.toString(times));
        // Chunk 0 can be late (connection set-up, class loading), and a stall on a loaded machine
        // can bunch two chunks; read all at the end, chunks 1 to 4 would arrive together.
        assertTrue(times[4] - times[1] >= 400, Arrays.toString(times));
        assertTrue(times[3] - times[1] >= 200, Arrays.toString(times));
      }
    }
    System.out.println(
        "OkHttp "
            + version
            + " arrival times without agent "
            + without.stream().map(Arrays::toString).collect(Collectors.joining(" "))
            + ", with "
            + with.stream().map(Arrays::toString).collect(Collectors.joining(" ")));
    // Two turns of two nodes each: the source-read one and the event-source one.
    assertEquals(4, Events.read(events).size(), "the streamed turns are still recorded");
  }

  /**
   * Connection failures, error statuses, a stream closed early and calls to other URLs give the
   * application exactly what it gets without the agent; only the turns are recorded.
   */
  @ParameterizedTest(name = "OkHttp {0} on {1}")
  @MethodSource("versionsOnEveryJdk")
  void failuresAndOtherUrlsReachTheApplicationUnchanged(String version, Path java)
      throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Jvm.Result plain = runFailures(java, version, List.of());
    Jvm.Result withAgent = runFailures(java, version, OkHttpCaptureIT.agent(events));

    assertEquals(plain.out, withAgent.out);
    String[] lines = withAgent.out.split("\n");
    assertTrue(lines[0].startsWith("error java.net.ConnectException"), lines[0]);
    assertTrue(lines[1].startsWith("error "), lines[1]);
    // The 500 and the other URLs leave no node. The stream the application closed early is kept
    // as far as it arrived, marked incomplete; the last exchange is a complete turn.
    List<String> recorded = Events.read(events);
    assertEquals(3, recorded.size(), String.join("\n", recorded) + withAgent.err);
    assertTrue(recorded.get(1).contains("\"stop_reason\":\"incomplete\""), recorded.get(1));
    assertTrue(recorded.get(2).contains("\"text\":\"the end\""), recorded.get(2));
    assertEquals(Events.hash(recorded.get(0)), Events.parent(recorded.get(2)));
  }

  /**
   * OkHttp 3.12 lacks a method the capture calls: the agent says so in one line and leaves it
   * alone, and the application runs as without the agent.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void olderOkHttpIsLeftAloneWithOneLogLine(Path java) throws Exception {
    String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Path events = tmp.resolve("events.jsonl");
    List<Jvm.Result> runs =
        oneCallEach(
            java,
            "3.12.13",
            "execute",
            chat,
            List.of(List.of(), List.of("-javaagent:" + Jvm.AGENT_JAR, "-Dtapes.file=" + events)),
            new ArrayList<>());

    assertEquals(runs.get(0).out, runs.get(1).out);
    assertTrue(runs.get(1).out.startsWith("ok "), runs.get(1).out);
    List<String> tapesLines =
        runs.get(1).err.lines().filter(l -> l.startsWith("[tapes]")).collect(Collectors.toList());
    assertEquals(2, tapesLines.size(), runs.get(1).err);
    assertTrue(
        tapesLines
            .get(1)
            .contains("okhttp3.RequestBody.isDuplex()Z: calls through it are not recorded"),
        tapesLines.get(1));
    assertEquals(0, Events.read(events).size());
  }

  /**
   * The response's request is the application's own, with its own body; an interceptor added to a
   * copy of a client sees that body too; a network interceptor that reads the body into a buffer
   * gives the body that buffer, as without the agent. The request is still recorded as it went on
   * the wire.
   */
  @ParameterizedTest(name = "OkHttp {0} on {1}")
  @MethodSource("versionsOnEveryJdk")
  void theApplicationsRequestAndSinksAreItsOwn(String version, Path java) throws Exception {
    String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"mine\"}]}";
    Path events = tmp.resolve("events.jsonl");
    List<String> received = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (Jvm.Result r :
        oneCallEach(
            java,
            version,
            "identity",
            chat,
            List.of(List.of(), OkHttpCaptureIT.agent(events)),
            received)) {
      assertEquals(0, r.code, r.err);
      assertTrue(r.out.startsWith("ok "), r.out + r.err);
      outputs.add(
          new String(
              Base64.getDecoder().decode(r.out.trim().substring(3)), StandardCharsets.UTF_8));
    }
    assertEquals(List.of(chat, chat), received);

    assertEquals(
        "same request true, same body true, writeTo given [Buffer, sink],"
            + " its interceptor saw [own body]",
        outputs.get(0));
    assertEquals(outputs.get(0), outputs.get(1));
    List<String> recorded = Events.read(events);
    assertEquals(2, recorded.size(), String.join("\n", recorded));
    assertTrue(recorded.get(0).contains("\"text\":\"mine\""), recorded.get(0));
  }

  /**
   * One call of {@code mode} with {@code chat} through OkHttp {@code version}, answered with a
   * whole turn, in one JVM for each list of options; the request bodies the server received go to
   * {@code received}.
   */
  private List<Jvm.Result> oneCallEach(
      Path java,
      String version,
      String mode,
      String chat,
      List<List<String>> optionsEach,
      List<String> received)
      throws Exception {
    Path script =
        Files.write(
            tmp.resolve(mode + ".txt"),
            List.of(OkHttpCaptureIT.step("POST", "/v1/chat/completions", mode, chat)));
    List<Jvm.Result> runs = new ArrayList<>();
    for (List<String> options : optionsEach) {
      try (LlmServer server = new LlmServer()) {
        server.enqueue(LlmServer.Reply.json(THE_END));
        runs.add(
            OkHttpCaptureIT.okhttpApp(
                java, version, options, server.baseUrl(), script, tmp, "one"));
        for (LlmServer.Recorded call : server.recorded()) {
          received.add(new String(call.request, StandardCharsets.UTF_8));
        }
      }
    }
    return runs;
  }

  private static final String THE_END =
      "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"the end\"},\"finish_reason\":\"stop\"}]}";

  private Jvm.Result runFailures(Path java, String version, List<String> options) throws Exception {
    String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Path script =
        Files.write(
            tmp.resolve("failures.txt"),
            List.of(
                OkHttpCaptureIT.step(
                    "POST", "http://127.0.0.1:1/v1/chat/completions", "execute", chat),
                OkHttpCaptureIT.step(
                    "POST", "http://127.0.0.1:1/v1/chat/completions", "enqueue", chat),
                OkHttpCaptureIT.step("POST", "/v1/chat/completions", "execute", chat),
                OkHttpCaptureIT.step("POST", "/v1/chat/completions", "closedEarly", chat),
                OkHttpCaptureIT.step("GET", "/v1/models", "execute", ""),
                OkHttpCaptureIT.step("POST", "/api/hello", "stream", chat),
                OkHttpCaptureIT.step("POST", "/v1/chat/completions", "execute", chat)));
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
      server.enqueue(LlmServer.Reply.json(THE_END));
      Jvm.Result r =
          OkHttpCaptureIT.okhttpApp(java, version, options, server.baseUrl(), script, tmp, "one");
      assertEquals(0, r.code, r.err);
      return r;
    }
  }

  /** Arrival times of a stream read from the body's source, then of one read by okhttp-sse. */
  private List<long[]> arrivalTimes(Path java, String version, List<String> options)
      throws Exception {
    List<String> steps = new ArrayList<>();
    for (String mode : List.of("arrivalTimes", "sseArrivalTimes")) {
      steps.add(
          OkHttpCaptureIT.step(
              "POST",
              "/v1/chat/completions",
              mode,
              "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count by "
                  + mode
                  + "\"}]}"));
    }
    Path script = Files.write(tmp.resolve("timed.txt"), steps);
    try (LlmServer server = new LlmServer()) {
      for (int s = 0; s < 2; s++) {
        String[] chunks = new String[5];
        for (int i = 0; i < 5; i++) {
          chunks[i] =
              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"part " + i + " \"}}]}\n\n";
        }
        server.enqueue(LlmServer.Reply.stream(Conversations.SSE, 200, chunks));
      }
      Jvm.Result r =
          OkHttpCaptureIT.okhttpApp(java, version, options, server.baseUrl(), script, tmp, "one");
      assertEquals(0, r.code, r.err);
      List<long[]> out = new ArrayList<>();
      for (String line : r.out.trim().split("\n")) {
        assertTrue(line.startsWith("ok "), line);
        String times =
            new String(Base64.getDecoder().decode(line.substring(3)), StandardCharsets.UTF_8);
        out.add(Arrays.stream(times.split(" ")).mapToLong(Long::parseLong).toArray());
      }
      return out;
    }
  }
}
