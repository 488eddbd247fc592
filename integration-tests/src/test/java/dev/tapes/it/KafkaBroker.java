package dev.tapes.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A single-node KRaft Kafka broker from Apache Kafka's own artifacts, in its own JVM on loopback:
 * formatted, started, and stopped (or killed) by the tests. With the {@code testcontainers} Maven
 * profile, the same broker configuration runs in Docker instead, from the image that profile names.
 */
final class KafkaBroker implements AutoCloseable {
  /** The Docker image to run the broker from; empty for a broker JVM of its own. */
  private static final String IMAGE = System.getProperty("tapes.kafka.image", "");

  /** A broker run somewhere else than a JVM started here: in Docker. */
  interface Container {
    void start() throws Exception;

    void stop() throws Exception;

    void remove() throws Exception;
  }

  private final Container container;

  private final Path dir;
  private final int port;
  private final int controllerPort;

  /** A second listener that takes SASL (PLAIN or SCRAM-SHA-256) logins; 0 when there is none. */
  private final int saslPort;

  private Process process;

  /** User and password the SASL listener accepts, with PLAIN and with SCRAM-SHA-256. */
  static final String SASL_USER = "tapes";

  static final String SASL_PASSWORD = "tapes-secret-4711";

  KafkaBroker(Path dir) throws Exception {
    this(dir, true);
  }

  /** A formatted broker, started now or left for {@link #start()}. */
  KafkaBroker(Path dir, boolean startNow) throws Exception {
    this(dir, startNow, false);
  }

  /** A formatted broker, with a SASL listener beside its plain one when {@code sasl}. */
  KafkaBroker(Path dir, boolean startNow, boolean sasl) throws Exception {
    this.dir = dir;
    this.port = freePort();
    this.controllerPort = freePort();
    this.saslPort = sasl ? freePort() : 0;
    Path config = writeConfig();
    if (!IMAGE.isEmpty()) {
      container =
          (Container)
              Class.forName("dev.tapes.it.DockerKafka")
                  .getDeclaredConstructor(String.class, Path.class, String.class, int[].class)
                  .newInstance(
                      IMAGE, config, clusterId(), new int[] {port, controllerPort, saslPort});
      if (startNow) {
        start();
      }
      return;
    }
    container = null;
    run(
        "kafka.tools.StorageTool",
        "format",
        "-t",
        clusterId(),
        "-c",
        config.toString(),
        "--standalone");
    if (startNow) {
      start();
    }
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** The listener that requires a SASL login. */
  String saslBootstrap() {
    return "127.0.0.1:" + saslPort;
  }

  /** Stores the SCRAM-SHA-256 credentials of {@link #SASL_USER}; the broker must be running. */
  void addScramUser() throws Exception {
    try (Admin admin = admin()) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
                      SASL_USER,
                      new org.apache.kafka.clients.admin.ScramCredentialInfo(
                          org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_256, 4096),
                      SASL_PASSWORD)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Starts (or restarts) the broker and waits until it answers. */
  void start() throws Exception {
    if (container != null) {
      container.start();
      awaitAnswer(null);
      return;
    }
    List<String> command = javaCommand("kafka.Kafka", dir.resolve("server.properties").toString());
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("broker.log").toFile())
            .start();
    awaitAnswer(process);
  }

  private void awaitAnswer(Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IOException("broker exited: " + Files.readString(dir.resolve("broker.log")));
      }
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException("broker did not start within 60 s");
  }

  void createTopic(String topic, int partitions) throws Exception {
    createTopic(topic, partitions, Map.of());
  }

  void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Reads {@code count} records of a topic with a consumer group, over all its partitions, or what
   * arrived within the timeout.
   */
  List<ConsumerRecord<String, String>> consume(String topic, int count, Duration timeout) {
    return consume(topic, count, timeout, Duration.ZERO);
  }

  /**
   * Reads {@code count} records as above, then goes on reading for {@code more}: records past the
   * count would be records the topic should not hold.
   */
  List<ConsumerRecord<String, String>> consume(
      String topic, int count, Duration timeout, Duration more) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      long extra = System.nanoTime() + more.toNanos();
      while (System.nanoTime() < extra) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Stops the broker cleanly. */
  void stop() throws Exception {
    if (container != null) {
      container.stop();
      return;
    }
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (container != null) {
      container.remove();
      return;
    }
    stop();
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
  }

  private Path writeConfig() throws IOException {
    Path config = dir.resolve("server.properties");
    String listeners = "PLAINTEXT://127.0.0.1:" + port;
    String protocols = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT";
    String sasl = "";
    if (saslPort != 0) {
      listeners += ",SASL_PLAINTEXT://127.0.0.1:" + saslPort;
      protocols += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
      String module = "org.apache.kafka.common.security.";
      sasl =
          String.join(
              "\n",
              "inter.broker.listener.name=PLAINTEXT",
              "sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256",
              "listener.name.sasl_plaintext.plain.sasl.jaas.config="
                  + module
                  + "plain.PlainLoginModule required username=\"admin\" password=\"admin-pw\""
                  + " user_"
                  + SASL_USER
                  + "=\""
                  + SASL_PASSWORD
                  + "\";",
              "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config="
                  + module
                  + "scram.ScramLoginModule required;",
              "");
    }
    String text =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
            "listeners=" + listeners + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=" + listeners,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=" + protocols,
            "log.dirs=" + dir.resolve("data"),
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            sasl);
    Files.writeString(config, text);
    return config;
  }

  private String clusterId() {
    // A Kafka cluster id is 16 random bytes in URL-safe base64 without padding.
    // Not starting with '-', which the format tool would read as an option.
    byte[] bytes = new byte[16];
    String id;
    do {
      new java.security.SecureRandom().nextBytes(bytes);
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  private void run(String mainClass, String... args) throws Exception {
    Process p =
        new ProcessBuilder(javaCommand(mainClass, args))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("format.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(mainClass + " failed: " + Files.readString(dir.resolve("format.log")));
    }
  }

  private static List<String> javaCommand(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Jdks.javaExecutables().get(0).toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(TestClassPath.forChildJvm());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  static boolean accepts(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
