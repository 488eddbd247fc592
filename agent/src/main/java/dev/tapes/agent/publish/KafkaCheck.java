package dev.tapes.agent.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks a Kafka cluster whether the agent could publish to it: whether a broker answers, with the
 * same security settings the producer would use, and how many partitions the topic has.
 */
public final class KafkaCheck {
  /** What the cluster answered. */
  public static final class Result {
    private final String clusterId;
    private final int brokerCount;
    private final int partitions;
    private final long millis;
    private final String problem;

    Result(String clusterId, int brokerCount, int partitions, long millis, String problem) {
      this.clusterId = clusterId;
      this.brokerCount = brokerCount;
      this.partitions = partitions;
      this.millis = millis;
      this.problem = problem;
    }

    /** Null when no broker answered. */
    public String clusterId() {
      return clusterId;
    }

    public int brokerCount() {
      return brokerCount;
    }

    /** The topic's partition count; -1 when it could not be described. */
    public int partitions() {
      return partitions;
    }

    /** How long the cluster took to answer. */
    public long millis() {
      return millis;
    }

    /** Why a check failed, in one line; null when none did. */
    public String problem() {
      return problem;
    }
  }

  private KafkaCheck() {}

  /**
   * @param producerSettings the {@code tapes.kafka.producer.*} settings: those an admin client also
   *     takes (security, SASL, TLS) are used
   */
  public static Result run(
      String brokers, String topic, Map<String, String> producerSettings, long timeoutMillis) {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    // Kafka's client classes resolve some defaults through the context loader as they load.
    current.setContextClassLoader(KafkaCheck.class.getClassLoader());
    try {
      return check(brokers, topic, producerSettings, timeoutMillis);
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  private static Result check(
      String brokers, String topic, Map<String, String> producerSettings, long timeoutMillis) {
    Map<String, Object> config = new HashMap<>();
    ProducerSettings.relocated(producerSettings)
        .forEach(
            (name, value) -> {
              if (AdminClientConfig.configNames().contains(name)) {
                config.put(name, value);
              }
            });
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "tapes-agent-doctor");
    int timeout = (int) Math.min(Integer.MAX_VALUE, timeoutMillis);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);

    long start = System.nanoTime();
    Admin admin;
    try {
      admin = Admin.create(config);
    } catch (RuntimeException e) {
      return new Result(null, 0, -1, 0, "the client could not be created: " + oneLine(e));
    }
    try {
      String clusterId;
      int brokerCount;
      try {
        clusterId = admin.describeCluster().clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS);
        brokerCount =
            admin.describeCluster().nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
      } catch (java.util.concurrent.TimeoutException e) {
        return new Result(
            null, 0, -1, 0, "no broker answered within " + timeoutMillis + " ms at " + brokers);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
          return new Result(
              null, 0, -1, 0, "no broker answered within " + timeoutMillis + " ms at " + brokers);
        }
        return new Result(null, 0, -1, 0, oneLine(e.getCause()));
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      try {
        TopicDescription description =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(timeoutMillis, TimeUnit.MILLISECONDS)
                .get(topic);
        return new Result(clusterId, brokerCount, description.partitions().size(), millis, null);
      } catch (java.util.concurrent.TimeoutException e) {
        return new Result(
            clusterId, brokerCount, -1, millis, "the topic was not described within the timeout");
      } catch (ExecutionException e) {
        String problem =
            e.getCause() instanceof UnknownTopicOrPartitionException
                ? "topic "
                    + topic
                    + " does not exist (create it, or let the broker create topics on first use)"
                : oneLine(e.getCause());
        return new Result(clusterId, brokerCount, -1, millis, problem);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, 0, -1, 0, "interrupted");
    } finally {
      admin.close(Duration.ofSeconds(1));
    }
  }

  /** An error as one line, without the agent's relocated package names. */
  private static String oneLine(Throwable t) {
    String message = t.getMessage();
    String name = t.getClass().getSimpleName();
    return message == null ? name : name + ": " + message.replace('\n', ' ');
  }
}
