package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tapes.it.Conversations.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real JVMs with {@code -javaagent} running Apache HttpClient applications (4.5 classic; 5 classic
 * and async; each at the oldest and newest version tested) against a loopback server, in all four
 * provider formats, through every kind of call the application makes: each {@code execute}
 * overload, response handlers, streamed and written-out bodies, streamed request bodies, gzip
 * replies decoded by the client or not, and async producers and consumers, the application's own
 * character consumer among them. One application run covers every way, each with requests of its
 * own, so that no way's nodes can stand in for another's.
 */
class ApacheCaptureIT {
  /** A way of making calls: the application's mode, and whether the replies come gzip-encoded. */
  private static final class Way {
    final String mode;
    final boolean gzip;
    final boolean everyFormat;

    Way(String mode, boolean gzip, boolean everyFormat) {
      this.mode = mode;
      this.gzip = gzip;
      this.everyFormat = everyFormat;
    }
  }

  private static final List<Way> CLASSIC =
      List.of(
          new Way("execute", false, true),
          new Way("handler", false, false),
          new Way("hostHandler", false, false),
          new Way("stream", false, false),
          new Way("writeTo", false, false),
          new Way("streamedRequest", false, false),
          new Way("execute", true, false),
          new Way("raw-stream", true, false));

  private static final List<Way> ASYNC =
      List.of(
          new Way("asyncChars", false, true),
          new Way("asyncSimple", false, false),
          new Way("asyncBasic", false, false),
          new Way("asyncSimple", true, false));

  /** The user's words that open each conversation, and so are in every request of it. */
  private static final List<String> OPENINGS =
      List.of("Weather in Paris?", "Say hi", "How tall is the Eiffel Tower?", "Name a colour.");

  @TempDir Path tmp;

  static Stream<Arguments> versionsOnEveryJdk() {
    List<Arguments> out = new ArrayList<>();
    for (Path java : Jdks.javaExecutables()) {
      for (String version : Apps.APACHE_VERSIONS) {
        out.add(Arguments.of(version, java));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "HttpClient {0} on {1}")
  @MethodSource("versionsOnEveryJdk")
  void everyWayOfCallingGivesTheNodesCommandsEventsOnceAndAsOneChainPerConversation(
      String version, Path java) throws Exception {
    List<Way> ways = new ArrayList<>(CLASSIC);
    if (version.startsWith("5.")) {
      ways.addAll(ASYNC);
    }
    List<Step> steps = new ArrayList<>();
    List<Boolean> gzipped = new ArrayList<>();
    StringBuilder script = new StringBuilder();
    List<Step> all = Conversations.all();
    for (int w = 0; w < ways.size(); w++) {
      Way way = ways.get(w);
      int first = way.everyFormat ? 0 : 2 * (w % 4);
      int end = way.everyFormat ? all.size() : first + 2;
      for (int i = first; i < end; i++) {
        Step s = tagged(all.get(i), way.mode + " " + w);
        steps.add(s);
        gzipped.add(way.gzip);
        script.append(OkHttpCaptureIT.step("POST", s.path, way.mode, s.request)).append('\n');
      }
    }
    Path scriptFile = Files.writeString(tmp.resolve("script.txt"), script);

    AppRun plain = run(java, version, scriptFile, steps, gzipped, List.of());
    Path events = tmp.resolve("events.jsonl");
    AppRun agent = run(java, version, scriptFile, steps, gzipped, OkHttpCaptureIT.agent(events));

    AppRun.assertRecordedAsTheNodesCommandSays(plain, agent, steps, events);
  }

  /** The step with its conversation's opening words marked, so that its nodes are its own. */
  private static Step tagged(Step step, String tag) {
    String request = step.request;
    for (String opening : OPENINGS) {
      request = request.replace(opening, opening + " (" + tag + ")");
    }
    assertNotEquals(step.request, request);
    return new Step(step.provider, step.path, request, step.reply);
  }

  private AppRun run(
      Path java,
      String version,
      Path script,
      List<Step> steps,
      List<Boolean> gzipped,
      List<String> options)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      for (int i = 0; i < steps.size(); i++) {
        LlmServer.Reply reply = steps.get(i).reply;
        server.enqueue(gzipped.get(i) ? reply.gzipped() : reply);
      }
      Jvm.Result result = apacheApp(java, version, options, server.baseUrl(), script, tmp);
      return new AppRun(result, server.recorded());
    }
  }

  /** Runs the Apache HttpClient application on one HttpClient version. */
  static Jvm.Result apacheApp(
      Path java, String version, List<String> options, String baseUrl, Path script, Path workDir)
      throws Exception {
    return Jvm.run(
        Apps.command(
            java,
            options,
            Apps.apacheClassPath(version),
            Apps.apacheMainClass(version),
            baseUrl,
            script.toString()),
        new byte[0],
        workDir);
  }
}
