package dev.tapes.agent.pipeline;

import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.llm.BodyDecoding;
import dev.tapes.agent.llm.DropReason;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.Turn;
import dev.tapes.agent.llm.TurnParser;
import dev.tapes.agent.log.AgentLog;
import dev.tapes.agent.publish.NodeEvent;
import dev.tapes.agent.publish.Sink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves captured exchanges off the application's threads: a bounded queue, then one background
 * thread that parses, chains, hashes, skips nodes already published and hands new ones to the sink.
 * {@link #submit} never blocks; when the queue is full the exchange is counted and dropped.
 *
 * <p>Handing an exchange over does not wake the background thread: it looks at the queue every few
 * milliseconds while there is work, less often when there is none, and is woken only when the queue
 * fills up. So an application thread pays for an enqueue, never for a thread switch, and the work
 * of many calls is done in one go rather than beside each call.
 */
public final class Pipeline {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private static final int PUBLISHED_HASHES = 65_536;

  /** The background thread's first look at an empty queue, and its longest wait between looks. */
  private static final long FIRST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private static final long LONGEST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** How long shutdown waits at most for exchanges still being read when the JVM began to exit. */
  private static final long IN_FLIGHT_GRACE_MILLIS = 500;

  /** Exchanges handed over, bounded by {@link #capacity} through {@link #queued}. */
  private final Queue<Exchange> queue = new ConcurrentLinkedQueue<>();

  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;

  /** Exchanges started and not yet handed over. */
  private final AtomicInteger inFlight = new AtomicInteger();

  /** The queue length at which a hand-over wakes the background thread. */
  private final int wakeAt;

  private final Sink sink;
  private final Counters counters;
  private final String project;
  private final String agentName;
  private final NodeHasher hasher = new NodeHasher();
  private final PublishedHashes published = new PublishedHashes(PUBLISHED_HASHES);
  private final Thread thread;
  private volatile boolean stopping;

  /** When shutting down, the {@link System#nanoTime} by which the sink must be closed. */
  private volatile long exitDeadline;

  /** True while the background thread works on an exchange. */
  private volatile boolean busy;

  /** Set when shutdown stopped waiting for the background thread. */
  private volatile boolean abandoned;

  public Pipeline(
      Sink sink, Counters counters, int queueCapacity, String project, String agentName) {
    this.capacity = queueCapacity;
    this.wakeAt = Math.max(1, Math.min(64, queueCapacity / 2));
    this.sink = sink;
    this.counters = counters;
    this.project = project;
    this.agentName = agentName;
    this.thread = new Thread(this::run, "tapes-pipeline");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Hands an exchange over. Called on application threads; never blocks. */
  /** An exchange began to be captured; it will be handed over by {@link #submit}. */
  public void exchangeStarted() {
    inFlight.incrementAndGet();
  }

  public void submit(Exchange exchange) {
    inFlight.decrementAndGet();
    counters.captured();
    if (stopping) {
      counters.dropped(DropReason.QUEUE_FULL);
      return;
    }
    int length = queued.incrementAndGet();
    if (length > capacity) {
      queued.decrementAndGet();
      counters.dropped(DropReason.QUEUE_FULL);
      return;
    }
    queue.offer(exchange);
    if (length >= wakeAt) {
      LockSupport.unpark(thread);
    }
  }

  public int queueDepth() {
    return queued.get();
  }

  public Counters counters() {
    return counters;
  }

  /**
   * Events the sink accepted but could not deliver (a long outage, say), and, once shutdown gave up
   * waiting for the background thread, those it still held.
   */
  public long eventsDropped() {
    return sink.droppedEvents() + (abandoned ? sink.pendingEvents() : 0);
  }

  /**
   * Stops taking exchanges, processes those already queued and lets the sink deliver what it holds,
   * all within {@code timeoutMillis}. What is still queued then is counted as dropped. When the
   * sink's destination cannot be reached at all, the exit is not held for it.
   */
  public void shutdown(long timeoutMillis) {
    // The thread is not interrupted: an interrupt inside a sink's send would lose that event.
    // It closes the sink itself once the queue is empty, so the sink is never closed under it.
    long start = System.nanoTime();
    exitDeadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    // An application may exit as soon as it has read a reply, while the client still signals the
    // end of that reply on another thread: those exchanges are let in for a moment.
    awaitInFlight(Math.min(IN_FLIGHT_GRACE_MILLIS, timeoutMillis / 2));
    stopping = true;
    LockSupport.unpark(thread);
    // A little past the deadline, for the sink to count what it could not deliver.
    long wait = Math.max(0, TimeUnit.NANOSECONDS.toMillis(exitDeadline - System.nanoTime())) + 200;
    boolean pending = busy || !queue.isEmpty() || sink.pendingEvents() > 0;
    if (pending && !sink.reachable(Math.min(250, timeoutMillis))) {
      wait = Math.min(wait, 100);
    }
    try {
      thread.join(Math.max(1, wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      abandoned = true;
      int left = queued.get();
      for (int i = 0; i < left; i++) {
        counters.dropped(DropReason.QUEUE_FULL);
      }
      log.warn(
          "exiting before the last events were published: "
              + left
              + " exchanges were still queued, "
              + sink.pendingEvents()
              + " events waiting for "
              + sink.describe());
    }
  }

  private void awaitInFlight(long millis) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (inFlight.get() > 0 && System.nanoTime() < end) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  /** Takes exchanges until shutdown, then finishes those already queued and closes the sink. */
  private void run() {
    try {
      long wait = FIRST_WAIT_NANOS;
      while (true) {
        Exchange exchange = queue.poll();
        if (exchange != null) {
          queued.decrementAndGet();
          busy = true;
          process(exchange);
          busy = false;
          wait = FIRST_WAIT_NANOS;
          continue;
        }
        if (stopping || Thread.interrupted()) {
          return;
        }
        // Idle: the sink may offer what it holds again (events waiting out a broker outage).
        flushQuietly();
        LockSupport.parkNanos(this, wait);
        wait = Math.min(LONGEST_WAIT_NANOS, wait * 2);
      }
    } finally {
      try {
        sink.flush();
        long left = stopping ? TimeUnit.NANOSECONDS.toMillis(exitDeadline - System.nanoTime()) : 0;
        sink.close(Math.max(0, left));
      } catch (IOException | RuntimeException e) {
        log.warn("could not flush events to " + sink.describe() + ": " + e);
      }
    }
  }

  /** Processes one exchange on the calling thread. Never throws. */
  void process(Exchange exchange) {
    try {
      DropReason reason = publish(exchange);
      if (reason != null) {
        counters.dropped(reason);
      }
    } catch (Throwable t) {
      counters.dropped(DropReason.REDUCER_ERROR);
      if (AgentLog.allow("pipeline-failure")) log.warn("an exchange could not be processed: " + t);
    }
  }

  /** Returns the reason nothing was published, or null when the turn was handed to the sink. */
  private DropReason publish(Exchange exchange) throws IOException {
    if (exchange.captureProblem() != null) {
      return exchange.captureProblem();
    }
    String method = exchange.method();
    if (method != null && !method.isEmpty() && !method.equalsIgnoreCase("POST")) {
      return DropReason.NON_TURN_REQUEST;
    }
    if (exchange.status() != 200) {
      return DropReason.UPSTREAM_STATUS;
    }
    byte[] request;
    try {
      request = BodyDecoding.decode(exchange.requestBody(), exchange.requestEncoding());
    } catch (IOException e) {
      return DropReason.REQUEST_DECODE;
    }
    if (exchange.responseBody().length == 0) {
      return DropReason.EMPTY_RESPONSE;
    }
    InputStream response;
    try {
      response =
          BodyDecoding.decode(
              new ByteArrayInputStream(exchange.responseBody()), exchange.responseEncoding());
    } catch (IOException e) {
      return DropReason.RESPONSE_DECODE;
    }

    TurnParser.Result result = TurnParser.parse(exchange.provider(), request, response);
    if (result.turn() == null) {
      if (AgentLog.allow("drop-" + result.dropReason().wireName()))
        log.warn(
            "an exchange was not recorded: "
                + result.dropReason().wireName()
                + " ("
                + result.detail()
                + ")");
      return result.dropReason();
    }
    Turn turn = result.turn();
    if (exchange.cutShort() && turn.reply().stopReason().isEmpty()) {
      Reply r = turn.reply();
      turn = turn.withReply(new Reply(r.message(), r.model(), "incomplete", r.usage()));
    }
    for (NodeEvent event : NodeEvent.forTurn(turn, hasher, project, agentName, Instant.now())) {
      if (published.add(event.node().hash())) {
        sink.publish(event);
        counters.published();
      }
    }
    counters.turn(); // last, so that a reader who sees the turn also sees its nodes
    return null;
  }

  private void flushQuietly() {
    try {
      sink.flush();
    } catch (IOException | RuntimeException e) {
      if (AgentLog.allow("sink-flush"))
        log.warn("could not flush events to " + sink.describe() + ": " + e);
    }
  }
}
