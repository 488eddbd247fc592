package dev.tapes.agent.publish;

import java.io.IOException;

/** Where events go. Called from the pipeline thread only. */
public interface Sink {
  void publish(NodeEvent event) throws IOException;

  /** Makes everything published so far durable or delivered, within the sink's own bounds. */
  void flush() throws IOException;

  /**
   * Delivers what it can within {@code timeoutMillis}, then releases everything. What could not be
   * delivered is counted in {@link #droppedEvents}.
   */
  void close(long timeoutMillis) throws IOException;

  /** Where the events are going, for the start-up line. */
  String describe();

  /** Events accepted by {@link #publish} that will never reach their destination. */
  default long droppedEvents() {
    return 0;
  }

  /** Events accepted by {@link #publish} and not yet handed on. Safe to call from any thread. */
  default long pendingEvents() {
    return 0;
  }

  /**
   * Whether the destination can be reached at all, found out within {@code timeoutMillis}. Safe to
   * call from any thread.
   */
  default boolean reachable(long timeoutMillis) {
    return true;
  }
}
