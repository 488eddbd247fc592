package dev.tapes.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo of the README's first command ({@code mvn -B -q -Pdemo -DskipTests verify}): starts a
 * Kafka broker and a loopback LLM server, runs a small application with the agent attached, then
 * shows what reached Kafka with {@code tail}, and says where everything is.
 *
 * <p>Arguments: the checkout's root directory, and the demo's working directory (emptied first).
 */
public final class Demo {
  private static final String TOPIC = "tapes-events";

  private final Path root;
  private final Path work;
  private final Path java = Jdks.javaExecutables().get(0);
  private final long start = System.nanoTime();

  private Demo(Path root, Path work) {
    this.root = root;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Demo demo = new Demo(Paths.get(args[0]).toAbsolutePath().normalize(), Paths.get(args[1]));
    try {
      demo.run();
    } catch (Exception e) {
      System.out.println();
      System.out.println("The demo stopped: " + e.getMessage());
      System.out.println("Files so far: " + demo.shown(demo.work));
      System.exit(1);
    }
  }

  private void run() throws Exception {
    System.out.println();
    System.out.println("tapes-agent demo: an application's LLM conversations, recorded into Kafka");
    System.out.println();
    empty(work);
    Path brokerDir = Files.createDirectories(work.resolve("kafka"));
    Path agent = root.resolve("agent/target/tapes-agent.jar");

    step("1/4", "starting Kafka: one KRaft node from Apache Kafka's Maven artifacts, no Docker");
    long brokerStart = System.nanoTime();
    try (KafkaBroker broker = new KafkaBroker(brokerDir)) {
      broker.createTopic(TOPIC, 3);
      detail(
          "broker at "
              + broker.bootstrap()
              + ", topic "
              + TOPIC
              + " (3 partitions), ready in "
              + seconds(System.nanoTime() - brokerStart));

      try (LlmServer server = new LlmServer()) {
        TravelReplies.all().forEach(server::enqueue);
        step("2/4", "starting a loopback LLM server (OpenAI and Anthropic wire formats)");
        detail("at " + server.baseUrl());

        step("3/4", "running a small application with the agent attached:");
        List<String> app =
            List.of(
                "java",
                "-javaagent:" + shown(agent),
                "-Dtapes.kafka.brokers=" + broker.bootstrap(),
                "-Dtapes.kafka.topic=" + TOPIC,
                "-cp",
                shown(root.resolve("integration-tests/target/test-classes")),
                "dev.tapes.it.app.TravelApp",
                server.baseUrl());
        detail(String.join(" ", app));
        System.out.println();
        runIndented(app);
        System.out.println();

        step("4/4", "what reached Kafka, drawn by the agent's tail command:");
        List<String> tail =
            List.of(
                "java",
                "-jar",
                shown(agent),
                "tail",
                "--brokers",
                broker.bootstrap(),
                "--topic",
                TOPIC,
                "--from-beginning");
        detail(String.join(" ", tail));
        System.out.println();
        Path events = work.resolve("events.jsonl");
        Process json = start(withIdleExit(tail, "--json"), events);
        Process trees = start(withIdleExit(tail), null);
        wait(trees, "tail");
        wait(json, "tail --json");

        summary(broker, brokerDir, events);
      }
    }
  }

  private void summary(KafkaBroker broker, Path brokerDir, Path events) throws IOException {
    long count = Files.readAllLines(events).stream().filter(l -> !l.isBlank()).count();
    System.out.println(
        "Done in " + seconds(System.nanoTime() - start) + " after the build. Where things are:");
    System.out.println(
        "  Kafka topic      "
            + TOPIC
            + " at "
            + broker.bootstrap()
            + " (the broker stops with the demo; its data stays)");
    System.out.println("  broker log dir   " + shown(brokerDir.resolve("data")));
    System.out.println("  broker output    " + shown(brokerDir.resolve("broker.log")));
    System.out.println(
        "  raw events       " + shown(events) + " (" + count + " events, from tail --json)");
    System.out.println(
        "  the application  "
            + shown(
                root.resolve("integration-tests/src/test/java/dev/tapes/it/app/TravelApp.java")));
    System.out.println();
  }

  private static List<String> withIdleExit(List<String> tail, String... more) {
    List<String> command = new ArrayList<>(tail);
    command.addAll(List.of(more));
    command.addAll(List.of("--exit-when-idle", "2"));
    return command;
  }

  /** Runs a command from the checkout's root, its output indented under the step. */
  private void runIndented(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(resolved(command))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        System.out.println("      " + line);
      }
    }
    wait(p, "the application");
  }

  /** Starts a command from the checkout's root, its output to a file or to this terminal. */
  private Process start(List<String> command, Path output) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(resolved(command)).directory(root.toFile());
    if (output == null) {
      pb.inheritIO();
    } else {
      pb.redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    return pb.start();
  }

  /** The command with {@code java} as the JDK running the demo. */
  private List<String> resolved(List<String> command) {
    List<String> out = new ArrayList<>(command);
    out.set(0, java.toString());
    return out;
  }

  private static void wait(Process p, String what) throws Exception {
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(what + " did not finish within 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(what + " exited with " + p.exitValue());
    }
  }

  private String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
  }

  private static void step(String number, String text) {
    System.out.println("[" + number + "] " + text);
  }

  private static void detail(String text) {
    System.out.println("      " + text);
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }

  private static void empty(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
