package dev.tapes.agent.testing;

import dev.tapes.agent.publish.NodeEvent;
import dev.tapes.agent.publish.Sink;
import java.util.List;

/** A sink that adds every event to a list of the test's. */
public final class ListSink implements Sink {
  private final List<NodeEvent> events;

  public ListSink(List<NodeEvent> events) {
    this.events = events;
  }

  @Override
  public void publish(NodeEvent event) {
    events.add(event);
  }

  @Override
  public void flush() {}

  @Override
  public void close(long timeoutMillis) {}

  @Override
  public String describe() {
    return "memory";
  }
}
