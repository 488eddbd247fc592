package dev.tapes.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Measures what the agent adds to one captured call, per client family: the median latency of a
 * one-shot and of a streamed call to a loopback server, with and without the agent, in JVMs run
 * alternately. Each JVM makes warm-up calls first, then timed ones, one at a time; the events go to
 * a file. Besides the pooled medians it reports the median and range of the ratio of each pair of
 * JVMs (how far one JVM differs from the next), and the CPU time the whole JVM spent per timed call
 * (the application's threads, the agent's, the JIT compilers' and the collector's).
 *
 * <p>A measurement, not a test: {@code mvn -B -Poverhead -DskipTests verify [-Druns=R -Dwarmup=W
 * -Dcalls=N]}. Few warm-up calls measure the first calls of a JVM, while the JIT compiles the
 * agent's code; many (tens of thousands) measure a JVM that has settled. {@code -Dclients=} keeps
 * the clients whose name contains it, {@code -Dpath=} calls another path (one that is not an LLM
 * endpoint shows the cost of calls the agent lets by), {@code -Dagent.options=} adds JVM options to
 * the runs with the agent, and {@code -Dcalibrate=true} runs both JVMs of each pair without the
 * agent, to show how far apart two such JVMs are on the machine at hand. {@code
 * -Dbaseline.agent=JAR} runs the other JVM of each pair with that build of the agent instead of
 * none: the ratios then compare this build with that one. {@code -Dthink=MS} makes the server wait
 * before each reply, as a model does: the calls then leave the CPU idle in between, as an
 * application's calls to a real model do, where a server that answers at once keeps it busy.
 */
public final class CallOverheadHarness {
  private static final String CHAT = System.getProperty("path", "/v1/chat/completions");

  /** How long the loopback server waits before each reply (0: it answers at once). */
  private static final long THINK_MILLIS = Long.getLong("think", 0);

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
    // call), which would hide what the agent costs.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int runs = Integer.getInteger("runs", 5);
    int calls = Integer.getInteger("calls", 200);
    int warmUp = Integer.getInteger("warmup", 300);
    boolean calibrate = Boolean.getBoolean("calibrate");
    String baseline = System.getProperty("baseline.agent", "").trim();
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
        List<Double> pairRatios = new ArrayList<>();
        double cpuWithout = 0;
        double cpuWith = 0;
        List<String> failedWithout = new ArrayList<>();
        List<String> failedWith = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
          // Which JVM of a pair goes first alternates, so that a drift of the machine over the
          // measurement (the loopback server warming up, say) favours neither.
          Path events = dir.resolve("events-" + run + ".jsonl");
          List<String> recordedOptions =
              calibrate ? List.of() : with(agent, "-Dtapes.file=" + events);
          List<String> plainOptions =
              baseline.isEmpty()
                  ? List.of()
                  : List.of(
                      "-javaagent:" + baseline,
                      "-Dtapes.file=" + dir.resolve("baseline-events-" + run + ".jsonl"));
          Timed plain;
          Timed recorded;
          if (run % 2 == 0) {
            plain = timedCalls(family, java, plainOptions, script, streamed, warmUp + calls);
            recorded = timedCalls(family, java, recordedOptions, script, streamed, warmUp + calls);
          } else {
            recorded = timedCalls(family, java, recordedOptions, script, streamed, warmUp + calls);
            plain = timedCalls(family, java, plainOptions, script, streamed, warmUp + calls);
          }
          without.addAll(plain.latencies());
          with.addAll(recorded.latencies());
          pairRatios.add(median(recorded.latencies()) / median(plain.latencies()));
          cpuWithout += plain.cpuNanosPerCall() / runs;
          cpuWith += recorded.cpuNanosPerCall() / runs;
          failedWithout.addAll(plain.failures());
          failedWith.addAll(recorded.failures());
        }
        double m0 = median(without) / 1000.0;
        double m1 = median(with) / 1000.0;
        double a0 = mean(without) / 1000.0;
        double a1 = mean(with) / 1000.0;
        List<Double> sortedRatios = new ArrayList<>(pairRatios);
        Collections.sort(sortedRatios);
        double[] interval = pairInterval(pairRatios);
        String line =
            String.format(
                "%-22s %-9s median per call: without %7.1f us, with %7.1f us, ratio %.3f;"
                    + " per JVM pair %.3f [%.3f..%.3f], geometric mean %.3f (95%% %.3f..%.3f);"
                    + " mean ratio %.3f; CPU per call %.1f -> %.1f us (%d calls each way)",
                family.name(),
                streamed ? "streamed" : "one-shot",
                m0,
                m1,
                m1 / m0,
                sortedRatios.get(sortedRatios.size() / 2),
                sortedRatios.get(0),
                sortedRatios.get(sortedRatios.size() - 1),
                interval[0],
                interval[1],
                interval[2],
                a1 / a0,
                cpuWithout / 1000.0,
                cpuWith / 1000.0,
                without.size());
        if (!failedWithout.isEmpty() || !failedWith.isEmpty()) {
          line +=
              String.format(
                  "; failed calls: %d without, %d with (%s)",
                  failedWithout.size(),
                  failedWith.size(),
                  failedWith.isEmpty() ? failedWithout.get(0) : failedWith.get(0));
        }
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
            + " timed calls in each"
            + (THINK_MILLIS > 0
                ? ", the server waiting " + THINK_MILLIS + " ms before each reply"
                : "")
            + (calibrate ? "; calibration: neither JVM of a pair runs the agent" : "")
            + (baseline.isEmpty() ? "" : "; \"without\" runs the agent " + baseline));
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

  /**
   * One JVM's timed calls: the latency of each, the CPU its whole JVM spent per call, and the
   * failures the application printed (their calls are timed too).
   */
  private record Timed(List<Long> latencies, double cpuNanosPerCall, List<String> failures) {}

  private static Timed timedCalls(
      Family family, Path java, List<String> options, Path script, boolean streamed, int replies)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      server.think(THINK_MILLIS);
      for (int i = 0; i < replies; i++) {
        server.enqueue(streamed ? streamedReply() : oneShotReply());
      }
      Jvm.Result r =
          Jvm.run(family.command(java, options, server.baseUrl(), script), new byte[0], null);
      if (r.code != 0) {
        throw new IllegalStateException(family.name() + " failed: " + r.out + r.err);
      }
      List<String> failures =
          r.out.lines().filter(l -> l.startsWith("error ")).collect(Collectors.toList());
      if (!options.isEmpty() && !r.err.contains("recording LLM calls")) {
        throw new IllegalStateException(family.name() + ": the agent did not start: " + r.err);
      }
      List<long[]> marks = new ArrayList<>();
      r.out
          .lines()
          .filter(l -> l.startsWith("time "))
          .forEach(
              l -> {
                String[] f = l.split(" ");
                marks.add(new long[] {Long.parseLong(f[3]), Long.parseLong(f[4])});
              });
      List<Long> latencies = new ArrayList<>();
      for (int i = 1; i < marks.size(); i++) {
        latencies.add(marks.get(i)[0] - marks.get(i - 1)[0]);
      }
      long cpu = marks.get(marks.size() - 1)[1] - marks.get(0)[1];
      return new Timed(latencies, (double) cpu / latencies.size(), failures);
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

  /**
   * The geometric mean of the pairs' ratios and its 95% interval, by resampling the pairs (a
   * percentile bootstrap with a fixed seed). A pair, not a call, is the unit: two JVMs that run the
   * same code differ by more than the calls within one JVM do.
   */
  private static double[] pairInterval(List<Double> ratios) {
    int n = ratios.size();
    double[] logs = ratios.stream().mapToDouble(Math::log).toArray();
    double[] means = new double[2000];
    Random random = new Random(42);
    for (int b = 0; b < means.length; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += logs[random.nextInt(n)];
      }
      means[b] = sum / n;
    }
    Arrays.sort(means);
    double mean = Arrays.stream(logs).average().orElse(Double.NaN);
    return new double[] {
      Math.exp(mean),
      Math.exp(means[(int) (means.length * 0.025)]),
      Math.exp(means[(int) (means.length * 0.975) - 1])
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
