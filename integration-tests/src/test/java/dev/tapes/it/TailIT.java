package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar tapes-agent.jar tail} against a real KRaft broker, reading what the agent
 * published for the travel application: conversations drawn as trees, a message shared by several
 * conversations once, with their continuations as branches under it.
 */
class TailIT {
  private static final String TOPIC = "tapes-travel";
  private static final String M = TravelReplies.MODEL;

  /** The travel application's OpenAI conversations, as one tree (after its header). */
  private static final String TRAVEL_TREE =
      String.join(
          "\n",
          "system     You are a concise travel assistant.",
          "├─ user       What should I see in Lisbon?",
          "│  assistant  Belém Tower, the Alfama district and a ride on tram 28.  ("
              + M
              + ", 24 in + 17 out tokens)",
          "│  ├─ user       Anything for a rainy day?",
          "│  │  assistant  The Gulbenkian Museum, then pastéis de nata in a café.  ("
              + M
              + ", 55 in + 14 out tokens)",
          "│  └─ user       How do I get there from the airport?",
          "│     assistant  Take the red metro line; it runs every few minutes.  ("
              + M
              + ", 57 in + 12 out tokens)",
          "└─ user       Is it warm in Lisbon today?",
          "   assistant  → get_weather({\"city\":\"Lisbon\"})  (" + M + ", 81 in + 16 out tokens)",
          "   tool       ← {\"city\":\"Lisbon\",\"temperature_c\":22,\"sky\":\"sunny\"}",
          "   assistant  Yes: 22°C and sunny, a good day for the Alfama.  ("
              + M
              + ", 118 in + 15 out tokens)");

  private static final String TRANSLATION_TREE =
      String.join(
          "\n",
          "user       Good morning! Where is the tram stop?",
          "assistant  Bom dia! Onde fica a paragem do elétrico?  (claude-sonnet-4-5, 19 in + 16 out"
              + " tokens)");

  @TempDir static Path brokerDir;
  @TempDir Path tmp;

  private static KafkaBroker broker;

  /** The events the agent published for the travel application, per the nodes command. */
  private static List<String> published;

  @BeforeAll
  static void publishTheTravelApplicationsConversations(@TempDir Path appDir) throws Exception {
    broker = new KafkaBroker(brokerDir);
    broker.createTopic(TOPIC, 3);
    List<LlmServer.Recorded> recorded = runTravelApp(TOPIC, appDir, 0);
    List<String> expected = new ArrayList<>();
    for (LlmServer.Recorded r : recorded) {
      expected.addAll(
          JdkHttpClientCaptureIT.nodesCommand(
              JdkHttpClientCaptureIT.providerOf(r.path), r.request, r.response));
    }
    published = Events.firstOfEachNode(expected);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void fromTheBeginningSharedMessagesAppearOnceWithBranchesUnderThem(Path java) throws Exception {
    Jvm.Result r =
        tail(java, "--topic", TOPIC, "--from-beginning", "--no-color", "--exit-when-idle", "3");
    assertEquals(0, r.code, r.err);

    String travel = lastTreeContaining(r.out, "You are a concise travel assistant.");
    String[] lines = travel.split("\n", 2);
    assertTrue(lines[0].matches("conversation [0-9a-f]{8} · 11 messages · 3 branches"), lines[0]);
    assertEquals(TRAVEL_TREE, lines[1]);
    assertEquals(rootOf("You are a concise travel assistant.").substring(0, 8), hashIn(lines[0]));
    assertEquals(1, count(r.out, "What should I see in Lisbon?"), r.out);
    assertEquals(1, count(r.out, "You are a concise travel assistant."), r.out);

    String translation = lastTreeContaining(r.out, "Good morning!");
    assertTrue(translation.startsWith("conversation "), translation);
    assertEquals(TRANSLATION_TREE, translation.split("\n", 2)[1]);
    assertFalse(r.out.contains("\u001b["), "no colour when asked for none");
    assertEquals(
        "tapes-agent tail: reading "
            + TOPIC
            + " at "
            + broker.bootstrap()
            + " from the beginning; stops after 3 s without new events\n",
        r.err);
  }

  @Test
  void jsonPrintsEveryEventAsPublished() throws Exception {
    Jvm.Result r =
        tail(
            Jdks.javaExecutables().get(0),
            "--topic",
            TOPIC,
            "--from-beginning",
            "--json",
            "--exit-when-idle",
            "3");
    assertEquals(0, r.code, r.err);
    List<String> actual = timelessSorted(Arrays.asList(r.out.split("\n")));
    assertEquals(timelessSorted(published), actual);
  }

  /**
   * Started before the application, {@code tail} shows only what is published from then on: each
   * turn redraws its conversation as it arrives, the last drawing is the whole tree, and a
   * termination signal (as Ctrl-C) ends it cleanly.
   */
  @Test
  void followsEventsAsTheyArriveAndStopsCleanly() throws Exception {
    String topic = "tapes-live";
    broker.createTopic(topic, 3);
    List<String> command = new ArrayList<>(tailCommand(Jdks.javaExecutables().get(0)));
    command.addAll(List.of("--topic", topic, "--no-color"));
    Process p = new ProcessBuilder(command).start();
    Output out = new Output(p.getInputStream());
    Output err = new Output(p.getErrorStream());
    try {
      assertTrue(err.await("from now on", 60), err.text());
      // A pause before each question: the turns reach the topic one by one.
      runTravelApp(topic, tmp, 1500);
      assertTrue(out.await("assistant  Bom dia! Onde fica a paragem do elétrico?", 60), out.text());
      assertTrue(out.await("Yes: 22°C and sunny", 60), out.text());
    } finally {
      p.destroy();
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tail did not stop");
    out.join();
    err.join();

    String text = out.text();
    String travel = lastTreeContaining(text, "You are a concise travel assistant.");
    String[] lines = travel.split("\n", 2);
    assertTrue(
        lines[0].matches("conversation [0-9a-f]{8} · 11 messages · 3 branches · \\d+ new"),
        lines[0]);
    assertEquals(TRAVEL_TREE, lines[1]);
    long drawings =
        Arrays.stream(text.split("\n\n")).filter(t -> t.contains("travel assistant")).count();
    assertTrue(drawings >= 3, "the travel tree is drawn again as turns arrive:\n" + text);
    assertFalse(err.text().contains("Exception"), err.text());
    assertFalse(text.contains("earlier messages not read"), text);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void anUnreachableBrokerIsOneLineAndExitCodeOne(Path java) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      closedPort = s.getLocalPort();
    }
    long start = System.nanoTime();
    Jvm.Result r =
        Jvm.run(
            List.of(
                java.toString(),
                "-jar",
                Jvm.AGENT_JAR.toString(),
                "tail",
                "--brokers",
                "127.0.0.1:" + closedPort,
                "--timeout",
                "2"),
            new byte[0],
            null);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(1, r.code, r.err);
    assertEquals(
        "tapes-agent tail: no answer from Kafka at 127.0.0.1:" + closedPort + " within 2 s\n",
        r.err);
    assertEquals("", r.out);
    assertTrue(seconds < 30, "took " + seconds + " s");
  }

  @Test
  void aMissingTopicIsOneLineAndExitCodeOne() throws Exception {
    Jvm.Result r = tail(Jdks.javaExecutables().get(0), "--topic", "no-such-topic");
    assertEquals(1, r.code, r.err);
    assertEquals(
        "tapes-agent tail: no topic 'no-such-topic' at " + broker.bootstrap() + "\n", r.err);
  }

  /** Runs the travel application with the agent publishing to {@code topic}. */
  private static List<LlmServer.Recorded> runTravelApp(String topic, Path workDir, long pause)
      throws Exception {
    try (LlmServer server = new LlmServer()) {
      TravelReplies.all().forEach(server::enqueue);
      Jvm.Result r =
          Jvm.run(
              Jvm.javaCommand(
                  Jdks.javaExecutables().get(0),
                  List.of(
                      "-javaagent:" + Jvm.AGENT_JAR,
                      "-Dtapes.kafka.brokers=" + broker.bootstrap(),
                      "-Dtapes.kafka.topic=" + topic),
                  "dev.tapes.it.app.TravelApp",
                  server.baseUrl(),
                  Long.toString(pause)),
              new byte[0],
              workDir);
      assertEquals(0, r.code, r.err);
      assertFalse(r.err.contains("not recorded"), r.err);
      assertEquals(6, server.recorded().size());
      return server.recorded();
    }
  }

  private static List<String> tailCommand(Path java) {
    return new ArrayList<>(
        List.of(
            java.toString(),
            "-jar",
            Jvm.AGENT_JAR.toString(),
            "tail",
            "--brokers",
            broker.bootstrap()));
  }

  private static Jvm.Result tail(Path java, String... args) throws Exception {
    List<String> command = tailCommand(java);
    command.addAll(List.of(args));
    return Jvm.run(command, new byte[0], null);
  }

  /** The last tree (trees are separated by a blank line) holding {@code text}. */
  private static String lastTreeContaining(String output, String text) {
    List<String> trees =
        Arrays.stream(output.split("\n\n"))
            .map(t -> t.replaceAll("^\n+|\n+$", ""))
            .filter(t -> t.contains(text))
            .collect(Collectors.toList());
    assertFalse(trees.isEmpty(), "no tree with '" + text + "' in:\n" + output);
    return trees.get(trees.size() - 1);
  }

  /** The root hash of the published conversation whose root holds {@code text}. */
  private static String rootOf(String text) {
    for (String event : published) {
      if (Events.parent(event).isEmpty() && event.contains(text)) {
        return Events.hash(event);
      }
    }
    throw new AssertionError("no root with " + text);
  }

  private static String hashIn(String header) {
    return header.replaceAll("conversation ([0-9a-f]{8}).*", "$1");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static List<String> timelessSorted(List<String> events) {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(Events.timeless(e)));
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** What a running process has printed so far, read on a thread of its own. */
  private static final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread pump;

    Output(InputStream from) {
      pump =
          new Thread(
              () -> {
                byte[] buffer = new byte[8192];
                try {
                  int n;
                  while ((n = from.read(buffer)) > 0) {
                    synchronized (bytes) {
                      bytes.write(buffer, 0, n);
                    }
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      pump.start();
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }

    boolean await(String part, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        if (text().contains(part)) {
          return true;
        }
        Thread.sleep(100);
      }
      return false;
    }

    void join() throws InterruptedException {
      pump.join(10_000);
    }
  }
}
