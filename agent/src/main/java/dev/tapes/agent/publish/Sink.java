package dev.tapes.agent.publish;

import java.io.IOException;

/** Where events go. Called from the pipeline thread only. */
public interface Sink {
  void publish(NodeEvent event) throws IOException;

  /** Makes everything published so far durable or delivered, within the sink's own bounds. */
  void flush() throws IOException;

  void close() throws IOException;

  /** Where the events are going, for the start-up line. */
  String describe();

  /** Events accepted by {@link #publish} that will never reach their destination. */
  default long droppedEvents() {
    return 0;
  }
}
