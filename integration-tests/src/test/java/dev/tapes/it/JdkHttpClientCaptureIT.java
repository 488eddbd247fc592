package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.it.Conversations.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real JVMs with {@code -javaagent}, talking to a loopback server in all four provider formats
 * through every standard body handler of the JDK client.
 */
class JdkHttpClientCaptureIT {
  private static final List<String> HANDLERS =
      List.of(
          "ofString",
          "ofByteArray",
          "sendAsync",
          "ofInputStream",
          "ofLines",
          "ofPublisher",
          "ofFile",
          "customSubscriber");

  /** Request body publishers, one per step in turn: the JDK's and one of the application's own. */
  private static final List<String> PUBLISHERS =
      List.of("ofByteArray", "ofString", "ofInputStream", "ofByteArrays", "ofFile", "custom");

  /** The nodes command's events per exchange, computed once per distinct exchange. */
  private static final Map<String, List<String>> EXPECTED = new ConcurrentHashMap<>();

  @TempDir Path tmp;

  static Stream<Arguments> handlersOnEveryJdk() {
    List<Arguments> out = new ArrayList<>();
    for (Path java : Jdks.javaExecutables()) {
      for (String handler : HANDLERS) {
        out.add(Arguments.of(handler, "http/1.1", java));
      }
      out.add(Arguments.of("ofString", "h2c", java));
      out.add(Arguments.of("ofInputStream", "h2c", java));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} over {1} on {2}")
  @MethodSource("handlersOnEveryJdk")
  void conversationsInEveryFormatGiveTheNodesCommandsEvents(
      String handler, String protocol, Path java) throws Exception {
    List<Step> steps = Conversations.all();
    Path script = tmp.resolve("script.txt");
    StringBuilder lines = new StringBuilder();
    int stepIndex = 0;
    for (Step s : steps) {
      lines
          .append("POST|")
          .append(s.path)
          .append('|')
          .append(handler)
          .append('|')
          .append(Base64.getEncoder().encodeToString(s.request.getBytes(StandardCharsets.UTF_8)))
          .append('|')
          .append(PUBLISHERS.get(stepIndex++ % PUBLISHERS.size()))
          .append('\n');
    }
    Files.writeString(script, lines);

    Run plain = runApp(java, script, steps, List.of());
    Path events = tmp.resolve("events.jsonl");
    Run agent =
        runApp(
            java, script, steps, List.of("-javaagent:" + Jvm.AGENT_JAR, "-Dtapes.file=" + events));

    assertEquals(0, agent.result.code, agent.result.err);
    assertEquals(plain.result.out, agent.result.out, "the application received other bytes");
    assertTrue(plain.result.out.lines().allMatch(l -> l.startsWith("ok ")), plain.result.out);

    List<String> expected = new ArrayList<>();
    for (LlmServer.Recorded r : agent.recorded) {
      expected.addAll(nodesCommand(providerOf(r.path), r.request, r.response));
    }
    List<String> actual = Events.read(events);
    try {
      Events.assertSameEvents(Events.firstOfEachNode(expected), actual);
    } catch (AssertionError e) {
      throw new AssertionError("agent's stderr:\n" + agent.result.err, e);
    }

    // Turn 2 of each conversation continues turn 1: turn 1's reply is the parent of what follows.
    for (int i = 0; i < steps.size(); i += 2) {
      List<String> first =
          nodesCommand(
              steps.get(i).provider, agent.recorded.get(i).request, agent.recorded.get(i).response);
      List<String> second =
          nodesCommand(
              steps.get(i + 1).provider,
              agent.recorded.get(i + 1).request,
              agent.recorded.get(i + 1).response);
      String reply = Events.hash(first.get(first.size() - 1));
      assertEquals(
          reply, Events.parent(second.get(first.size())), "turn 2 of " + steps.get(i).path);
    }
  }

  /** One run of the application and what the server saw. */
  private static final class Run {
    final Jvm.Result result;
    final List<LlmServer.Recorded> recorded;

    Run(Jvm.Result result, List<LlmServer.Recorded> recorded) {
      this.result = result;
      this.recorded = recorded;
    }
  }

  private Run runApp(Path java, Path script, List<Step> steps, List<String> options)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      steps.forEach(s -> server.enqueue(s.reply));
      Jvm.Result result = Jvm.jdkClientApp(java, options, server.baseUrl(), script, tmp);
      return new Run(result, server.recorded());
    }
  }

  static String providerOf(String path) {
    if (path.endsWith("/messages")) {
      return "anthropic";
    }
    return path.endsWith("/api/chat") ? "ollama" : "openai";
  }

  /** The events the {@code nodes} command prints for these exact bytes. */
  static List<String> nodesCommand(String provider, byte[] request, byte[] response)
      throws Exception {
    String key =
        provider
            + Base64.getEncoder().encodeToString(request)
            + "|"
            + Base64.getEncoder().encodeToString(response);
    List<String> cached = EXPECTED.get(key);
    if (cached != null) {
      return cached;
    }
    Path dir = Files.createTempDirectory("tapes-nodes");
    try {
      Path req = Files.write(dir.resolve("request"), request);
      Path resp = Files.write(dir.resolve("response"), response);
      Jvm.Result r =
          Jvm.run(
              List.of(
                  Jdks.javaExecutables().get(0).toString(),
                  "-jar",
                  Jvm.AGENT_JAR.toString(),
                  "nodes",
                  "--provider",
                  provider,
                  "--request",
                  req.toString(),
                  "--response",
                  resp.toString()),
              new byte[0],
              null);
      assertEquals(0, r.code, r.err);
      List<String> events = new ArrayList<>(r.out.lines().filter(l -> !l.isBlank()).toList());
      EXPECTED.put(key, events);
      return events;
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }
}
