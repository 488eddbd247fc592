package dev.tapes.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Measures what the agent adds to one captured call, per client family: the median latency of a
 * one-shot and of a streamed call to a loopback server, with and without the agent, in JVMs run
 * alternately. Each JVM makes warm-up calls first, then timed ones, one at a time; the events go to
 * a file. A measurement, not a test: {@code mvn -B -Poverhead -DskipTests verify [-Druns=R
 * -Dcalls=N]}; {@code -Dclients=} keeps the clients whose name contains it, {@code -Dpath=} calls
 * another path (one that is not an LLM endpoint shows the cost of calls the agent lets by), and
 * {@code -Dagent.options=} adds JVM options to the runs with the agent.
 */
public final class CallOverheadHarness {
  private static final String CHAT = System.getProperty("path", "/v1/chat/completions");

  private CallOverheadHarness() {}

  /** One client family: how to start its application on a script. */
  private interface Family {
    String name();

    List<String> command(Path java, List<String> options, String baseUrl, Path script)
        throws Exception;

    /** The script step of one call: one-shot or streamed. */
    String step(boolean streamed, String base64Body);
  }

  public static void main(String[] args) throws Exception {
    // Without it the loopback server's replies wait on delayed acknowledgements (some 40 ms a
    // call),
    // which would hide what the agent costs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int runs = Integer.getInteger("runs", 5);
    int calls = Integer.getInteger("calls", 200);
    int warmUp = Integer.getInteger("warmup", 300);
    Path dir = Files.createTempDirectory("tapes-overhead");
    Path java = Jdks.javaExecutables().get(0);
    List<Family> families = new ArrayList<>();
    families.add(jdkClient());
    for (String version : List.of("3.14.9", "5.5.1")) {
      families.add(okhttp(version));
    }
    families.add(apache("4.5.14", "execute", "stream"));
    families.add(apache("5.6.5", "execute", "stream"));
    families.add(apache("5.6.5", "asyncSimple", "asyncChars"));

    String only = System.getProperty("clients", "");
    families.removeIf(f -> !f.name().contains(only));
    List<String> agent = new ArrayList<>(List.of("-javaagent:" + Jvm.AGENT_JAR));
    String options = System.getProperty("agent.options", "");
    if (!options.isBlank()) {
      agent.addAll(List.of(options.trim().split("\\s+")));
    }

    List<String> summary = new ArrayList<>();
    for (Family family : families) {
      for (boolean streamed : new boolean[] {false, true}) {
        Path script = dir.resolve("script.txt");
        Files.writeString(script, script(family, streamed, warmUp, calls));
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          without.addAll(latencies(family, java, List.of(), script, streamed, warmUp + calls));
          Path events = dir.resolve("events-" + run + ".jsonl");
          with.addAll(
              latencies(
                  family,
                  java,
                  with(agent, "-Dtapes.file=" + events),
                  script,
                  streamed,
                  warmUp + calls));
        }
        double m0 = median(without) / 1000.0;
        double m1 = median(with) / 1000.0;
        double a0 = mean(without) / 1000.0;
        double a1 = mean(with) / 1000.0;
        String line =
            String.format(
                "%-22s %-9s median per call: without %7.1f us, with %7.1f us, ratio %.3f;"
                    + " mean ratio %.3f (%d calls each way)",
                family.name(),
                streamed ? "streamed" : "one-shot",
                m0,
                m1,
                m1 / m0,
                a1 / a0,
                without.size());
        System.out.println(line);
        summary.add(line);
      }
    }
    System.out.println();
    summary.forEach(System.out::println);
    System.out.println(
        "java "
            + System.getProperty("java.version")
            + ", "
            + runs
            + " alternating JVM pairs, "
            + warmUp
            + " warm-up calls then "
            + calls
            + " timed calls in each");
  }

  private static List<String> with(List<String> options, String option) {
    List<String> out = new ArrayList<>(options);
    out.add(option);
    return out;
  }

  private static String script(Family family, boolean streamed, int warmUp, int calls) {
    String request =
        "{\"model\":\"gpt-4o-mini\","
            + (streamed ? "\"stream\":true," : "")
            + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Say hello.\"}]}";
    String body = Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.UTF_8));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < warmUp; i++) {
      s.append(family.step(streamed, body));
    }
    s.append("TIME|||\n");
    for (int i = 0; i < calls; i++) {
      s.append(family.step(streamed, body)).append("TIME|||\n");
    }
    return s.toString();
  }

  private static List<Long> latencies(
      Family family, Path java, List<String> options, Path script, boolean streamed, int replies)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      for (int i = 0; i < replies; i++) {
        server.enqueue(streamed ? streamedReply() : oneShotReply());
      }
      Jvm.Result r =
          Jvm.run(family.command(java, options, server.baseUrl(), script), new byte[0], null);
      if (r.code != 0 || r.out.contains("\nerror ") || r.out.startsWith("error ")) {
        throw new IllegalStateException(family.name() + " failed: " + r.out + r.err);
      }
      if (!options.isEmpty() && !r.err.contains("recording LLM calls")) {
        throw new IllegalStateException(family.name() + ": the agent did not start: " + r.err);
      }
      List<Long> times = new ArrayList<>();
      r.out
          .lines()
          .filter(l -> l.startsWith("time "))
          .forEach(l -> times.add(Long.parseLong(l.split(" ")[3])));
      List<Long> out = new ArrayList<>();
      for (int i = 1; i < times.size(); i++) {
        out.add(times.get(i) - times.get(i - 1));
      }
      return out;
    }
  }

  private static LlmServer.Reply oneShotReply() {
    return LlmServer.Reply.json(
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"Hello! How can I help you today?\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}");
  }

  private static LlmServer.Reply streamedReply() {
    List<String> chunks = new ArrayList<>();
    for (String word : List.of("Hello!", " How", " can", " I", " help", " you", " today?")) {
      chunks.add(
          "data: {\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
              + word
              + "\"}}]}\n\n");
    }
    chunks.add(
        "data: {\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"stop\"}]}\n\n");
    chunks.add("data: [DONE]\n\n");
    return LlmServer.Reply.stream(Conversations.SSE, 0, chunks.toArray(new String[0]));
  }

  private static Family jdkClient() {
    return new Family() {
      @Override
      public String name() {
        return "java.net.http";
      }

      @Override
      public List<String> command(Path java, List<String> options, String baseUrl, Path script) {
        return Jvm.javaCommand(
            java, options, "dev.tapes.it.app.JdkClientApp", baseUrl, script.toString());
      }

      @Override
      public String step(boolean streamed, String body) {
        return "POST|" + CHAT + "|" + (streamed ? "ofLines" : "ofString") + "|" + body + "\n";
      }
    };
  }

  private static Family okhttp(String version) {
    return new Family() {
      @Override
      public String name() {
        return "OkHttp " + version;
      }

      @Override
      public List<String> command(Path java, List<String> options, String baseUrl, Path script)
          throws Exception {
        return Apps.command(
            java,
            options,
            Apps.okhttpClassPath(version),
            "dev.tapes.it.apps.OkHttpApp",
            baseUrl,
            script.toString());
      }

      @Override
      public String step(boolean streamed, String body) {
        return "POST|" + CHAT + "|" + (streamed ? "stream" : "execute") + "|" + body + "\n";
      }
    };
  }

  /** Apache HttpClient at one version, through the application's modes for each kind of call. */
  private static Family apache(String version, String oneShot, String streamed) {
    return new Family() {
      @Override
      public String name() {
        return "HttpClient " + version + (oneShot.startsWith("async") ? " async" : "");
      }

      @Override
      public List<String> command(Path java, List<String> options, String baseUrl, Path script)
          throws Exception {
        return Apps.command(
            java,
            options,
            Apps.apacheClassPath(version),
            Apps.apacheMainClass(version),
            baseUrl,
            script.toString());
      }

      @Override
      public String step(boolean isStreamed, String body) {
        return "POST|" + CHAT + "|" + (isStreamed ? streamed : oneShot) + "|" + body + "\n";
      }
    };
  }

  private static double mean(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
