package dev.tapes.agent.publish;

import dev.tapes.agent.log.AgentLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to Kafka: key = the root hash (or the conversation's first user node), value =
 * the event JSON, timestamp = {@code occurred_at}.
 *
 * <p>Never blocks: the producer is configured not to wait for metadata or buffer space, and events
 * it cannot take yet (the broker is down, or not known yet) wait here, in order, up to a bound in
 * bytes, and are offered again on every call. Past the bound the oldest waiting events are dropped
 * and counted. Once the producer has taken an event, delivery and its retries are the producer's.
 *
 * <p>The producer is created on first use, on the pipeline thread, with the agent's class loader as
 * context loader (kafka-clients resolves some configuration classes through it). Confined to the
 * pipeline thread, but for the counters.
 */
public final class KafkaSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(KafkaSink.class);

  private final Map<String, Object> config;
  private final String topic;
  private final boolean keyByConversation;
  private final String brokers;
  private final long waitingBound;
  private final ArrayDeque<ProducerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();
  private long waitingBytes;

  /** How many events wait, for other threads to read. */
  private volatile int waitingCount;

  private final AtomicLong dropped = new AtomicLong();
  private Producer<byte[], byte[]> producer;

  /** The thread inside {@code send} right now: callbacks it runs report a refusal, not a loss. */
  private volatile Thread sendingThread;

  /**
   * @param overrides producer settings passed through as given (after the agent's defaults)
   * @param waitingBound bytes of events that may wait while the broker is out of reach
   */
  public KafkaSink(
      String brokers,
      String topic,
      boolean keyByConversation,
      boolean fnv1a,
      Map<String, String> overrides,
      long waitingBound) {
    this.brokers = brokers;
    this.topic = topic;
    this.keyByConversation = keyByConversation;
    this.waitingBound = waitingBound;
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "tapes-agent");
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // send() must not wait: what the producer cannot take at once waits in this sink instead.
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
    // Taken events are retried through an outage of up to ten minutes.
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
    c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    if (fnv1a) {
      c.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Fnv1aPartitioner.class);
    }
    c.putAll(ProducerSettings.relocated(overrides));
    this.config = c;
  }

  @Override
  public void publish(NodeEvent event) {
    byte[] key =
        (keyByConversation ? event.conversationHash() : event.rootHash())
            .getBytes(StandardCharsets.UTF_8);
    byte[] value = event.toJson().getBytes(StandardCharsets.UTF_8);
    waiting.add(new ProducerRecord<>(topic, null, event.occurredAt().toEpochMilli(), key, value));
    waitingBytes += key.length + value.length;
    while (waitingBytes > waitingBound && waiting.size() > 1) {
      ProducerRecord<byte[], byte[]> oldest = waiting.poll();
      waitingBytes -= oldest.key().length + oldest.value().length;
      drop("Kafka has been out of reach long enough to fill the agent's buffer");
    }
    waitingCount = waiting.size();
    offerWaiting();
  }

  /** Offers waiting events to the producer, oldest first, until it takes none. */
  private void offerWaiting() {
    if (producer == null) {
      producer = create();
    }
    while (!waiting.isEmpty()) {
      ProducerRecord<byte[], byte[]> record = waiting.peek();
      if (!taken(record)) {
        return; // the broker is out of reach: try again on the next call
      }
      waiting.poll();
      waitingBytes -= record.key().length + record.value().length;
      waitingCount = waiting.size();
    }
  }

  /**
   * Sends one record; false when the producer refused it for now. A producer that cannot get
   * metadata or buffer space at once fails the send on the spot, on this thread, with a {@link
   * TimeoutException}: that record is not lost, it waits. Failures reported later, from the
   * producer's own thread, are deliveries it gave up on.
   */
  private boolean taken(ProducerRecord<byte[], byte[]> record) {
    Future<RecordMetadata> result;
    sendingThread = Thread.currentThread();
    try {
      result =
          producer.send(
              record,
              (metadata, error) -> {
                if (error != null && Thread.currentThread() != sendingThread) {
                  drop(error.toString());
                }
              });
    } catch (KafkaException e) {
      drop(e.toString());
      return true;
    } finally {
      sendingThread = null;
    }
    if (!result.isDone()) {
      return true;
    }
    try {
      result.get();
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        return false;
      }
      drop(String.valueOf(e.getCause()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void drop(String why) {
    dropped.incrementAndGet();
    if (AgentLog.allow("kafka-drop")) {
      log.warn("events for Kafka topic " + topic + " are being dropped: " + why);
    }
  }

  private Producer<byte[], byte[]> create() {
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(KafkaSink.class.getClassLoader());
    try {
      return new KafkaProducer<>(config);
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  /** Events dropped: past the waiting bound, or given up on by the producer. */
  @Override
  public long droppedEvents() {
    return dropped.get();
  }

  /** Events waiting for the producer to take them; read from any thread. */
  @Override
  public long pendingEvents() {
    return waitingCount;
  }

  /** Whether any bootstrap server accepts a connection within the time given. */
  @Override
  public boolean reachable(long timeoutMillis) {
    return Brokers.anyAccepts(brokers, timeoutMillis);
  }

  /** Called by the pipeline whenever it is idle: offers the waiting events again. */
  @Override
  public void flush() {
    if (!waiting.isEmpty()) {
      offerWaiting();
    }
  }

  /**
   * Offers the waiting events until they are taken or the time is up, then lets the producer
   * deliver what it holds in the time left. When no broker address even accepts a connection,
   * nothing could be delivered: the waiting events are counted at once and the exit is not held.
   */
  @Override
  public void close(long timeoutMillis) {
    if (producer == null) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    if (!waiting.isEmpty() && !reachable(Math.min(500, timeoutMillis))) {
      deadline = System.nanoTime();
    }
    while (!waiting.isEmpty() && System.nanoTime() < deadline) {
      offerWaiting();
      if (!waiting.isEmpty()) {
        sleep(50);
      }
    }
    for (int i = waiting.size(); i > 0; i--) {
      drop("the application exited while Kafka was out of reach");
    }
    waiting.clear();
    waitingCount = 0;
    // Records the producer still holds after this are failed by it, through their callbacks.
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String describe() {
    return "Kafka topic " + topic + " at " + brokers;
  }
}
