package dev.tapes.it;

import dev.tapes.it.Conversations.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

    AppRun plain = runApp(java, version, script, steps, List.of(), clients);
    Path events = tmp.resolve("events.jsonl");
    AppRun agent = runApp(java, version, script, steps, agent(events), clients);

    AppRun.assertRecordedAsTheNodesCommandSays(plain, agent, steps, events);
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

  private AppRun runApp(
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
      return new AppRun(result, server.recorded());
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
