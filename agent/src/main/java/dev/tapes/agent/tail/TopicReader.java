package dev.tapes.agent.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of one topic, from its end or from its beginning, without a consumer group:
 * nothing is committed and nothing is left behind on the broker. Partitions added to the topic
 * after {@link #open} are not read.
 *
 * <p>Used by one thread, except {@link #wakeup}, which any thread may call to end a {@link #poll}
 * in progress (and every later one).
 */
public final class TopicReader implements AutoCloseable {
  /** The broker could not be reached, or the topic is not there. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  private final String brokers;
  private final String topic;
  private final Duration timeout;
  private final Consumer<byte[], byte[]> consumer;
  private volatile boolean woken;

  /**
   * Creates the consumer; nothing is sent to the broker before {@link #open}.
   *
   * @throws Unavailable when no broker address resolves
   * @throws IllegalArgumentException when {@code brokers} is not a list of {@code host:port}
   */
  public TopicReader(String brokers, String topic, Duration timeout) throws Unavailable {
    this.brokers = brokers;
    this.topic = topic;
    this.timeout = timeout;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tapes-agent-tail");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    this.consumer = create(config);
  }

  /**
   * Finds the topic's partitions and places the reader at their end, or at their beginning.
   *
   * <p>Stopped by {@link #wakeup}, it returns early and the reader stays {@link #woken}.
   *
   * @throws Unavailable when the broker does not answer within the timeout, or has no such topic
   */
  public void open(boolean fromBeginning) throws Unavailable {
    try {
      place(fromBeginning);
    } catch (WakeupException e) {
      woken = true;
    }
  }

  private void place(boolean fromBeginning) throws Unavailable {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, timeout);
    } catch (WakeupException e) {
      throw e;
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new Unavailable(
          "no answer from Kafka at " + brokers + " within " + timeout.getSeconds() + " s");
    } catch (KafkaException e) {
      throw new Unavailable(
          "cannot read topic " + topic + " at " + brokers + ": " + e.getMessage());
    }
    if (partitions == null || partitions.isEmpty()) {
      throw new Unavailable("no topic '" + topic + "' at " + brokers);
    }
    List<TopicPartition> all = new ArrayList<>();
    for (PartitionInfo p : partitions) {
      all.add(new TopicPartition(p.topic(), p.partition()));
    }
    consumer.assign(all);
    if (fromBeginning) {
      consumer.seekToBeginning(all);
    } else {
      consumer.seekToEnd(all);
      // Fix the positions now: events published from here on are the ones shown.
      for (TopicPartition p : all) {
        consumer.position(p, timeout);
      }
    }
  }

  /**
   * The values of the records that arrived, waiting up to {@code wait} for the first. Returns an
   * empty list once {@link #wakeup} was called.
   */
  public List<byte[]> poll(Duration wait) {
    List<byte[]> values = new ArrayList<>();
    if (woken) {
      return values;
    }
    try {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
        if (record.value() != null) {
          values.add(record.value());
        }
      }
    } catch (WakeupException e) {
      woken = true;
    }
    return values;
  }

  /** Ends a poll in progress and every later one. Any thread. */
  public void wakeup() {
    woken = true;
    consumer.wakeup();
  }

  public boolean woken() {
    return woken;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }

  /**
   * kafka-clients resolves class-typed configuration defaults through the thread's context class
   * loader, which must therefore be the agent's own loader while the consumer is built.
   */
  private Consumer<byte[], byte[]> create(Map<String, Object> config) throws Unavailable {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(TopicReader.class.getClassLoader());
    try {
      return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof ConfigException
          && String.valueOf(cause.getMessage()).startsWith("No resolvable")) {
        throw new Unavailable("none of the brokers " + brokers + " resolves to an address");
      }
      throw new IllegalArgumentException(String.valueOf(cause.getMessage()), e);
    } finally {
      current.setContextClassLoader(previous);
    }
  }
}
