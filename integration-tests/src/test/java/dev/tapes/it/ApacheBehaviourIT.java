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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An Apache HttpClient application does not notice the agent: streams arrive as they are sent,
 * through the classic client's content stream and the async client's consumer, and failures,
 * responses closed or streams given up early, and other URLs are unchanged.
 */
class ApacheBehaviourIT {
  private static final String CHAT =
      "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private static final String THE_END =
      "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"the end\"},\"finish_reason\":\"stop\"}]}";

  /** Both tests' runs, made once for each version and JDK: with and without the agent. */
  private static final Map<String, Runs> RUNS = new ConcurrentHashMap<>();

  static Stream<Arguments> versionsOnEveryJdk() {
    return ApacheCaptureIT.versionsOnEveryJdk();
  }

  /**
   * Five chunks sent 200 ms apart still arrive 200 ms apart, read from the classic response's
   * content stream and given to the async client's character consumer, not all at the end.
   */
  @ParameterizedTest(name = "HttpClient {0} on {1}")
  @MethodSource("versionsOnEveryJdk")
  void streamedRepliesStillArriveIncrementally(String version, Path java) throws Exception {
    Runs runs = runs(version, java);
    List<long[]> without = runs.arrivalTimes(runs.plain);
    List<long[]> with = runs.arrivalTimes(runs.agent);

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
        "HttpClient "
            + version
            + " arrival times without agent "
            + without.stream().map(Arrays::toString).collect(Collectors.joining(" "))
            + ", with "
            + with.stream().map(Arrays::toString).collect(Collectors.joining(" ")));
    // One turn of two nodes for each way of reading, recorded whole.
    List<String> recorded = runs.events.subList(0, 2 * runs.timedModes.size());
    for (int i = 1; i < recorded.size(); i += 2) {
      assertTrue(recorded.get(i).contains("part 0 part 1 part 2 part 3 part 4"), recorded.get(i));
    }
  }

  /**
   * Connection failures, an error status, a response closed early, a stream the application aborted
   * through its connection or its consumer gave up on, and calls to other URLs give the application
   * exactly what it gets without the agent; only the turns are recorded, those cut short as far as
   * the application received them.
   */
  @ParameterizedTest(name = "HttpClient {0} on {1}")
  @MethodSource("versionsOnEveryJdk")
  void failuresAndOtherUrlsReachTheApplicationUnchanged(String version, Path java)
      throws Exception {
    Runs runs = runs(version, java);

    // What follows the timed streams is the same, byte for byte.
    int first = runs.timedModes.size();
    String[] lines = runs.agent.out.split("\n");
    String[] plainLines = runs.plain.out.split("\n");
    assertEquals(
        String.join("\n", Arrays.asList(plainLines).subList(first, plainLines.length)),
        String.join("\n", Arrays.asList(lines).subList(first, lines.length)));
    assertTrue(lines[first].startsWith("error ") && lines[first].contains("Connect"), lines[first]);
    assertTrue(
        lines[first + 1].startsWith("error ") && lines[first + 1].contains("Connect"),
        lines[first + 1]);
    // The 500 and the other URLs leave no node. The stream closed early, and the one aborted (or
    // given up by the async consumer), are kept as far as they arrived, marked incomplete; the
    // last exchange is a whole turn.
    List<String> recorded = runs.events.subList(2 * runs.timedModes.size(), runs.events.size());
    int cut = 2;
    assertEquals(2 + cut, recorded.size(), String.join("\n", recorded) + runs.agent.err);
    for (int i = 1; i <= cut; i++) {
      assertTrue(
          recorded.get(i).contains("\"stop_reason\":\"incomplete\""), String.join("\n", recorded));
    }
    assertTrue(recorded.get(1).contains("chunk 0"), recorded.get(1));
    String last = recorded.get(recorded.size() - 1);
    assertTrue(last.contains("\"text\":\"the end\""), last);
    assertEquals(Events.hash(recorded.get(0)), Events.parent(last));
    // The refused calls, the 500, the cut ones and the last turn; not the other URLs.
    int captured = runs.timedModes.size() + 6;
    assertTrue(runs.agent.err.contains("captured " + captured + " exchanges"), runs.agent.err);
  }

  private static Runs runs(String version, Path java) throws Exception {
    String key = version + " " + java;
    synchronized (RUNS) {
      Runs runs = RUNS.get(key);
      if (runs == null) {
        runs = new Runs(version, java);
        RUNS.put(key, runs);
      }
      return runs;
    }
  }

  /**
   * One application run with the agent and one without, of the same script: streams read as they
   * arrive (timed), then failures, other URLs and a last turn.
   */
  private static final class Runs {
    final List<String> timedModes = new ArrayList<>(List.of("arrivalTimes"));
    final Jvm.Result plain;
    final Jvm.Result agent;
    final List<String> events;

    Runs(String version, Path java) throws Exception {
      boolean async = version.startsWith("5.");
      if (async) {
        timedModes.add("asyncArrivalTimes");
      }
      Path dir = Files.createTempDirectory("tapes-apache");
      Path script = Files.write(dir.resolve("script.txt"), steps(async));
      Path events = dir.resolve("events.jsonl");
      // Deleted at exit in the reverse order: the files, then their directory.
      for (Path p : List.of(dir, script, events)) {
        p.toFile().deleteOnExit();
      }
      plain = run(java, version, async, script, dir, List.of());
      agent = run(java, version, async, script, dir, OkHttpCaptureIT.agent(events));
      this.events = Events.read(events);
    }

    private List<String> steps(boolean async) {
      List<String> steps = new ArrayList<>();
      for (String mode : timedModes) {
        steps.add(
            OkHttpCaptureIT.step(
                "POST",
                "/v1/chat/completions",
                mode,
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"count by "
                    + mode
                    + "\"}]}"));
      }
      String refused = "http://127.0.0.1:1/v1/chat/completions";
      steps.add(OkHttpCaptureIT.step("POST", refused, "execute", CHAT));
      steps.add(OkHttpCaptureIT.step("POST", refused, async ? "asyncSimple" : "handler", CHAT));
      steps.add(OkHttpCaptureIT.step("POST", "/v1/chat/completions", "status", CHAT));
      steps.add(OkHttpCaptureIT.step("POST", "/v1/chat/completions", "closedEarly", CHAT));
      // The async consumer that gives up, or the classic stream aborted through its connection.
      steps.add(
          OkHttpCaptureIT.step(
              "POST", "/v1/chat/completions", async ? "asyncStopped" : "aborted", CHAT));
      steps.add(OkHttpCaptureIT.step("GET", "/v1/models", "execute", ""));
      steps.add(OkHttpCaptureIT.step("POST", "/api/hello", async ? "asyncBasic" : "stream", CHAT));
      steps.add(OkHttpCaptureIT.step("POST", "/v1/chat/completions", "execute", CHAT));
      return steps;
    }

    private Jvm.Result run(
        Path java, String version, boolean async, Path script, Path dir, List<String> options)
        throws Exception {
      try (LlmServer server = new LlmServer()) {
        for (int s = 0; s < timedModes.size(); s++) {
          String[] chunks = new String[5];
          for (int i = 0; i < 5; i++) {
            chunks[i] =
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"part "
                    + i
                    + " \"}}]}\n\n";
          }
          server.enqueue(LlmServer.Reply.stream(Conversations.SSE, 200, chunks));
        }
        server.enqueue(LlmServer.Reply.status(500, "{\"error\":{\"message\":\"overloaded\"}}"));
        // The end of each long stream comes a second after its start: the application has closed
        // it, or its consumer given up, by then, so the capture is cut short however fast the
        // machine.
        server.enqueue(longStream("chunk"));
        server.enqueue(longStream("piece"));
        server.enqueue(LlmServer.Reply.json("{\"data\":[{\"id\":\"m\"}]}"));
        server.enqueue(LlmServer.Reply.json("{\"hello\":\"world\"}"));
        server.enqueue(LlmServer.Reply.json(THE_END));
        Jvm.Result r =
            ApacheCaptureIT.apacheApp(java, version, options, server.baseUrl(), script, dir);
        assertEquals(0, r.code, r.err);
        return r;
      }
    }

    /** The arrival times the timed steps printed. */
    List<long[]> arrivalTimes(Jvm.Result r) {
      List<long[]> out = new ArrayList<>();
      String[] lines = r.out.split("\n");
      for (int i = 0; i < timedModes.size(); i++) {
        assertTrue(lines[i].startsWith("ok "), lines[i]);
        String times =
            new String(Base64.getDecoder().decode(lines[i].substring(3)), StandardCharsets.UTF_8);
        out.add(Arrays.stream(times.split(" ")).mapToLong(Long::parseLong).toArray());
      }
      return out;
    }
  }

  private static LlmServer.Reply longStream(String word) {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      big.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"")
          .append(word)
          .append(' ')
          .append(i)
          .append(" \"}}]}\n\n");
    }
    return LlmServer.Reply.stream(Conversations.SSE, 1000, big.toString(), "data: [DONE]\n\n");
  }
}
