package dev.tapes.agent.cli;

import dev.tapes.agent.config.AgentConfig;
import dev.tapes.agent.config.Setting;
import dev.tapes.agent.config.Settings;
import dev.tapes.agent.log.AgentLog;
import dev.tapes.agent.publish.KafkaCheck;
import dev.tapes.agent.publish.ProducerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}: the configuration the agent would run with here (same system properties and
 * environment), secrets masked, then whether its sink is usable: the broker answers and the topic
 * exists, or the events file can be written.
 */
final class DoctorCommand {
  private static final String HELP =
      String.join(
          "\n",
          "Usage: java [-Dtapes.NAME=VALUE ...] -jar tapes-agent.jar doctor [--timeout-ms N]",
          "",
          "Prints the configuration the agent would use with these system properties and this",
          "environment (secrets masked), then checks the sink: that the Kafka broker answers,",
          "and the topic exists and how many partitions it has; or, without a broker, that the",
          "events file can be written.",
          "",
          "  --timeout-ms  how long to wait for the broker (default 10000)",
          "",
          "Exit codes: 0 ready, 1 a check failed, 2 bad arguments.");

  private final PrintStream out;
  private final PrintStream err;

  DoctorCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    long timeoutMillis;
    try {
      Options options = Options.parse(args, "--timeout-ms");
      if (options.help()) {
        out.println(HELP);
        return Main.OK;
      }
      timeoutMillis = timeout(options.get("--timeout-ms"));
    } catch (UsageException e) {
      err.println("tapes-agent doctor: " + e.getMessage());
      return Main.USAGE;
    }

    List<String> problems = new ArrayList<>();
    AgentConfig config = AgentConfig.fromEnvironment(problems::add);
    Map<String, String> producer = AgentConfig.producerSettings();
    out.println("tapes-agent " + Version.current());
    out.println();
    out.println("Configuration (system property, else environment, else default):");
    printSettings(config, producer);
    for (String problem : problems) {
      out.println("  ! " + problem);
    }
    out.println();

    boolean ready;
    if (!config.get(Settings.ENABLED)) {
      out.println("The agent is disabled (tapes.enabled=false): it would record nothing.");
      ready = true;
    } else if (config.get(Settings.KAFKA_BROKERS).isBlank()) {
      ready = checkFile(Paths.get(config.get(Settings.FILE)));
    } else {
      ready = checkKafka(config, producer, timeoutMillis);
    }
    out.println();
    out.println(
        ready && problems.isEmpty() ? "Ready." : ready ? "Ready, with warnings." : "Not ready.");
    return ready ? Main.OK : Main.FAILED;
  }

  private void printSettings(AgentConfig config, Map<String, String> producer) {
    int width = 0;
    for (Setting<?> s : Settings.ALL) {
      width = Math.max(width, s.name().length());
    }
    for (String name : producer.keySet()) {
      width = Math.max(width, Settings.KAFKA_PRODUCER_PREFIX.length() + name.length());
    }
    for (Setting<?> s : Settings.ALL) {
      Object value = config.get(s);
      String shown = s.isSecret() ? "****" : String.valueOf(value);
      out.println(
          "  "
              + pad(s.name(), width)
              + "  "
              + (shown.isEmpty() ? "(not set)" : shown)
              + "  ["
              + config.origin(s)
              + "]");
    }
    for (Map.Entry<String, String> e : producer.entrySet()) {
      out.println(
          "  "
              + pad(Settings.KAFKA_PRODUCER_PREFIX + e.getKey(), width)
              + "  "
              + (ProducerSettings.isSecret(e.getKey()) ? "****" : e.getValue()));
    }
  }

  private boolean checkFile(Path file) {
    Path absolute = file.toAbsolutePath();
    out.println("Sink: file " + absolute + " (no broker set: tapes.kafka.brokers)");
    String problem = appendable(absolute);
    out.println(
        "  file          " + (problem == null ? "ok: can be appended to" : "FAILED: " + problem));
    return problem == null;
  }

  /**
   * Opens the file for appending as the agent would, creating it and its directory if needed, and
   * removes what it created. Null when that worked, else why not.
   */
  private static String appendable(Path file) {
    List<Path> created = new ArrayList<>();
    try {
      for (Path d = file.getParent(); d != null && !Files.exists(d); d = d.getParent()) {
        created.add(0, d);
      }
      if (!Files.exists(file)) {
        created.add(file);
      }
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
      return null;
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      for (int i = created.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(created.get(i));
        } catch (IOException ignored) {
          // left behind: harmless, and the agent would create it anyway
        }
      }
    }
  }

  private boolean checkKafka(AgentConfig config, Map<String, String> producer, long timeoutMillis) {
    String brokers = config.get(Settings.KAFKA_BROKERS).trim();
    String topic = config.get(Settings.KAFKA_TOPIC);
    out.println("Sink: Kafka topic " + topic + " at " + brokers);
    // The verdict below says what the Kafka client's own warnings would; debug shows them too.
    AgentLog.Level level = AgentLog.level();
    if (level != AgentLog.Level.DEBUG) {
      AgentLog.setLevel("error");
    }
    KafkaCheck.Result result;
    try {
      result = KafkaCheck.run(brokers, topic, producer, timeoutMillis);
    } finally {
      AgentLog.setLevel(level.name());
    }
    if (result.clusterId() == null) {
      out.println("  broker        FAILED: " + result.problem());
      return false;
    }
    out.println(
        "  broker        ok: cluster "
            + result.clusterId()
            + ", "
            + result.brokerCount()
            + (result.brokerCount() == 1 ? " broker" : " brokers")
            + ", answered in "
            + result.millis()
            + " ms");
    if (result.partitions() < 0) {
      out.println("  topic         FAILED: " + result.problem());
      return false;
    }
    out.println(
        "  topic         ok: "
            + topic
            + " exists, "
            + result.partitions()
            + (result.partitions() == 1 ? " partition" : " partitions"));
    return true;
  }

  private static long timeout(String value) throws UsageException {
    if (value == null) {
      return 10_000;
    }
    try {
      long n = Long.parseLong(value);
      if (n > 0 && n <= 600_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--timeout-ms takes a number of milliseconds from 1 to 600000");
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
