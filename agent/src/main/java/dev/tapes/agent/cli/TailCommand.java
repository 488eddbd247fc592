package dev.tapes.agent.cli;

import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.log.AgentLog;
import dev.tapes.agent.tail.Conversation;
import dev.tapes.agent.tail.Conversations;
import dev.tapes.agent.tail.TailNode;
import dev.tapes.agent.tail.TopicReader;
import dev.tapes.agent.tail.TreeText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tail}: follows a topic the agent publishes to and draws its conversations as trees as
 * their events arrive. After each batch of events, the whole tree of every conversation that
 * changed is printed again, its new messages counted in the header. Trees are kept in memory for
 * the last {@value #MAX_CONVERSATIONS} conversations, up to {@value #MAX_NODES_EACH} messages each.
 */
final class TailCommand {
  static final int MAX_CONVERSATIONS = 100;
  static final int MAX_NODES_EACH = 2000;

  /** A batch ends when the topic has been quiet this long, or has lasted {@link #BATCH_MAX}. */
  private static final Duration BATCH_QUIET = Duration.ofMillis(200);

  private static final Duration BATCH_MAX = Duration.ofSeconds(1);

  /** Records that are not events are reported one by one up to this many, then only counted. */
  private static final int SKIPS_REPORTED = 5;

  private static final String HELP =
      String.join(
          "\n",
          "Usage: java -jar tapes-agent.jar tail --brokers HOST:PORT[,...] [--topic T]",
          "           [--from-beginning] [--json] [--no-color] [--timeout S] [--exit-when-idle S]",
          "       java -jar tapes-agent.jar tail --file EVENTS.jsonl [--json] [--no-color]",
          "",
          "Follows a topic the agent publishes to and draws its conversations as trees: one",
          "line per message (role, a short summary, the model and tokens of replies), a message",
          "shared by several conversations drawn once with their continuations as branches",
          "under it. After each batch of new events, the tree of every conversation that",
          "changed is printed again. Ctrl-C stops. With --file, draws the events a file holds",
          "(what the agent writes when no broker is set) and exits.",
          "",
          "  --brokers         Kafka bootstrap servers",
          "  --file            a JSON-lines file of events instead of a topic",
          "  --topic           topic to read (default tapes-events)",
          "  --from-beginning  read the topic from its beginning, not only new events",
          "  --json            print the events as they are, one JSON line each, no trees",
          "  --no-color        no colour (also off when NO_COLOR is set or output is not a terminal)",
          "  --timeout         seconds to wait for the broker to answer (default 10)",
          "  --exit-when-idle  exit once no event has arrived for this many seconds",
          "",
          "Exit codes: 0 stopped, 1 the broker did not answer or has no such topic,",
          "2 bad arguments.");

  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  /**
   * @param terminal whether the output is a terminal, where colour is used unless turned off
   */
  TailCommand(PrintStream out, PrintStream err, boolean terminal) {
    this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    this.err = err;
    this.terminal = terminal;
  }

  int run(String[] args) {
    try {
      return runOrThrow(args);
    } catch (UsageException e) {
      err.println("tapes-agent tail: " + e.getMessage());
      return Main.USAGE;
    }
  }

  private int runOrThrow(String[] args) throws UsageException {
    Options options =
        Options.parse(
            args,
            List.of("--from-beginning", "--json", "--no-color"),
            "--brokers",
            "--file",
            "--topic",
            "--timeout",
            "--exit-when-idle");
    if (options.help()) {
      out.println(HELP);
      out.flush();
      return Main.OK;
    }
    String noColour = System.getenv("NO_COLOR");
    boolean colourful =
        terminal && !options.flag("--no-color") && (noColour == null || noColour.isEmpty());
    Printer chosen = options.flag("--json") ? new JsonPrinter() : new TreePrinter(colourful);
    if (options.get("--file") != null) {
      if (options.get("--brokers") != null) {
        throw new UsageException("--file and --brokers do not go together (try --help)");
      }
      return readFile(Paths.get(options.required("--file")), chosen);
    }
    String brokers = options.required("--brokers");
    String topic = options.get("--topic") == null ? "tapes-events" : options.required("--topic");
    Duration timeout = Duration.ofSeconds(seconds(options, "--timeout", 10));
    long idleSeconds = seconds(options, "--exit-when-idle", 0);
    Duration idle = idleSeconds == 0 ? null : Duration.ofSeconds(idleSeconds);
    // The Kafka client warns on every failed connection; this command reports for itself.
    AgentLog.Level logLevel = AgentLog.level();
    AgentLog.setLevel("error");
    try {
      return read(brokers, topic, timeout, idle, options.flag("--from-beginning"), chosen);
    } finally {
      AgentLog.setLevel(logLevel.name());
    }
  }

  /** Draws (or prints) every event of a JSON-lines file at once. */
  private int readFile(Path file, Printer printer) throws UsageException {
    List<byte[]> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          events.add(line.getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + e.getMessage());
    }
    printer.print(events);
    out.flush();
    return Main.OK;
  }

  private int read(
      String brokers,
      String topic,
      Duration timeout,
      Duration idle,
      boolean fromBeginning,
      Printer printer)
      throws UsageException {
    TopicReader reader;
    try {
      reader = new TopicReader(brokers, topic, timeout);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--brokers: " + e.getMessage());
    } catch (TopicReader.Unavailable e) {
      err.println("tapes-agent tail: " + e.getMessage());
      return Main.FAILED;
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread stop =
        new Thread(
            () -> {
              reader.wakeup();
              awaitQuietly(finished);
            },
            "tapes-tail-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      reader.open(fromBeginning);
      if (reader.woken()) {
        return Main.OK;
      }
      err.println(
          "tapes-agent tail: reading "
              + topic
              + " at "
              + brokers
              + (fromBeginning ? " from the beginning" : " from now on")
              + (idle == null
                  ? "; Ctrl-C stops"
                  : "; stops after " + idle.getSeconds() + " s without new events"));
      follow(reader, printer, idle);
      return Main.OK;
    } catch (TopicReader.Unavailable e) {
      err.println("tapes-agent tail: " + e.getMessage());
      return Main.FAILED;
    } finally {
      reader.close();
      out.flush();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // Stopped by Ctrl-C: the hook is running and waits for this method to end.
      }
    }
  }

  /** Reads batches of events and prints them until stopped, or idle for {@code idle}. */
  private void follow(TopicReader reader, Printer printer, Duration idle) {
    long lastEvent = System.nanoTime();
    while (!reader.woken()) {
      List<byte[]> batch = reader.poll(Duration.ofMillis(500));
      if (batch.isEmpty()) {
        if (idle != null && System.nanoTime() - lastEvent > idle.toNanos()) {
          return;
        }
        continue;
      }
      long batchStart = System.nanoTime();
      List<byte[]> more;
      while (System.nanoTime() - batchStart < BATCH_MAX.toNanos()
          && !(more = reader.poll(BATCH_QUIET)).isEmpty()) {
        batch.addAll(more);
      }
      printer.print(batch);
      out.flush();
      lastEvent = System.nanoTime();
    }
  }

  private interface Printer {
    void print(List<byte[]> events);
  }

  /** {@code --json}: every record's value, one line each. */
  private final class JsonPrinter implements Printer {
    @Override
    public void print(List<byte[]> events) {
      for (byte[] event : events) {
        out.write(event, 0, event.length);
        out.write('\n');
      }
    }
  }

  /** The trees of the conversations a batch changed, in the order the batch first touched them. */
  private final class TreePrinter implements Printer {
    private final Conversations conversations =
        new Conversations(MAX_CONVERSATIONS, MAX_NODES_EACH);
    private final boolean colour;
    private long skipped;

    TreePrinter(boolean colour) {
      this.colour = colour;
    }

    @Override
    public void print(List<byte[]> events) {
      Map<Conversation, Set<String>> changed = new LinkedHashMap<>();
      for (byte[] event : events) {
        TailNode node;
        try {
          node = TailNode.fromEvent(event);
        } catch (JsonException e) {
          skipped++;
          if (skipped <= SKIPS_REPORTED) {
            err.println(
                "tapes-agent tail: skipped a record that is not an event: " + e.getMessage());
          }
          continue;
        }
        Conversation conversation = conversations.add(node);
        if (conversation != null) {
          changed.computeIfAbsent(conversation, c -> new LinkedHashSet<>()).add(node.hash());
        }
      }
      for (Map.Entry<Conversation, Set<String>> e : changed.entrySet()) {
        out.print(TreeText.render(e.getKey(), e.getValue(), colour));
        out.println();
      }
    }
  }

  private static long seconds(Options options, String name, long fallback) throws UsageException {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds >= 1 && seconds <= 86_400) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + " must be a whole number of seconds from 1 to 86400");
  }

  private static void awaitQuietly(CountDownLatch finished) {
    try {
      finished.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
