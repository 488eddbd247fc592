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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real JVMs with {@code -javaagent} running an OkHttp application (OkHttp 3.14, 4.12 and 5.5)
 * against a loopback server, in all four provider formats, synchronously, asynchronously, streamed,
 * through okhttp-sse, and through clients copied with {@code newBuilder()}.
 */
class OkHttpCaptureIT {
  /** How the application reads each reply; "copies" reads with execute through copied clients. */
  private static final List<String> MODES =
      List.of("execute", "enqueue", "stream", "sse", "copies");

  private static final Pattern SUMMARY =
      Pattern.compile("at exit: captured (\\d+) exchanges, (\\d+) turns");

  @TempDir Path tmp;

  /** Every mode on every version on the first JDK; on the others, on the newest version only. */
  static Stream<Arguments> modesOnEveryVersionAndJdk() {
    List<Arguments> out = new ArrayList<>();
    List<Path> jdks = Jdks.javaExecutables();
    String newest = Apps.OKHTTP_VERSIONS.get(Apps.OKHTTP_VERSIONS.size() - 1);
    for (Path java : jdks) {
      for (String version : Apps.OKHTTP_VERSIONS) {
        if (!java.equals(jdks.get(0)) && !version.equals(newest)) {
          continue;
        }
        for (String mode : MODES) {
          out.add(Arguments.of(mode, version, java));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on OkHttp {1} on {2}")
  @MethodSource("modesOnEveryVersionAndJdk")
  void conversationsInEveryFormatGiveTheNodesCommandsEventsOnce(
      String mode, String version, Path java) throws Exception {
    List<Step> steps = Conversations.all();
    StringBuilder lines = new StringBuilder();
    for (Step s : steps) {
      String readAs = mode.equals("copies") ? "execute" : mode;
      if (mode.equals("sse") && !s.reply.contentType.equals(Conversations.SSE)) {
        readAs = "execute";
      }
      lines.append(step("POST", s.path, readAs, s.request)).append('\n');
    }
    Path script = Files.writeString(tmp.resolve("script.txt"), lines);
    String clients = mode.equals("copies") ? "copies" : "one";

    Run plain = runApp(java, version, script, steps, List.of(), clients);
    Path events = tmp.resolve("events.jsonl");
    Run agent = runApp(java, version, script, steps, agent(events), clients);

    assertEquals(0, agent.result.code, agent.result.err);
    assertEquals(plain.result.out, agent.result.out, "the application received other bytes");
    assertEquals(steps.size(), plain.result.out.lines().filter(l -> l.startsWith("ok ")).count());

    List<String> expected = new ArrayList<>();
    for (LlmServer.Recorded r : agent.recorded) {
      expected.addAll(
          JdkHttpClientCaptureIT.nodesCommand(
              JdkHttpClientCaptureIT.providerOf(r.path), r.request, r.response));
    }
    try {
      Events.assertSameEvents(Events.firstOfEachNode(expected), Events.read(events));
    } catch (AssertionError e) {
      throw new AssertionError("agent's stderr:\n" + agent.result.err, e);
    }

    // Each exchange was captured once, whichever client made it.
    Matcher summary = SUMMARY.matcher(agent.result.err);
    assertTrue(summary.find(), agent.result.err);
    assertEquals(steps.size(), Integer.parseInt(summary.group(1)), summary.group());
    assertEquals(steps.size(), Integer.parseInt(summary.group(2)), summary.group());

    // Turn 2 of each conversation continues turn 1: turn 1's reply is the parent of what follows.
    for (int i = 0; i < steps.size(); i += 2) {
      LlmServer.Recorded first = agent.recorded.get(i);
      LlmServer.Recorded second = agent.recorded.get(i + 1);
      List<String> turn1 =
          JdkHttpClientCaptureIT.nodesCommand(steps.get(i).provider, first.request, first.response);
      List<String> turn2 =
          JdkHttpClientCaptureIT.nodesCommand(
              steps.get(i + 1).provider, second.request, second.response);
      assertEquals(
          Events.hash(turn1.get(turn1.size() - 1)),
          Events.parent(turn2.get(turn1.size())),
          "turn 2 of " + steps.get(i).path);
    }
  }

  static List<String> agent(Path events) {
    // Debug level prints the counters at exit, which tell how many exchanges were captured.
    return List.of(
        "-javaagent:" + Jvm.AGENT_JAR, "-Dtapes.file=" + events, "-Dtapes.log.level=debug");
  }

  static String step(String method, String path, String mode, String body) {
    return method
        + "|"
        + path
        + "|"
        + mode
        + "|"
        + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
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

  private Run runApp(
      Path java,
      String version,
      Path script,
      List<Step> steps,
      List<String> options,
      String clients)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      steps.forEach(s -> server.enqueue(s.reply));
      Jvm.Result result = okhttpApp(java, version, options, server.baseUrl(), script, tmp, clients);
      return new Run(result, server.recorded());
    }
  }

  /** Runs the OkHttp application on one OkHttp version. */
  static Jvm.Result okhttpApp(
      Path java,
      String version,
      List<String> options,
      String baseUrl,
      Path script,
      Path workDir,
      String clients)
      throws Exception {
    return Jvm.run(
        Apps.command(
            java,
            options,
            Apps.okhttpClassPath(version),
            "dev.tapes.it.apps.OkHttpApp",
            baseUrl,
            script.toString(),
            clients),
        new byte[0],
        workDir);
  }
}
