package dev.tapes.agent.pipeline;

import dev.tapes.agent.llm.DropReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** What the agent did, for the JMX bean and the shutdown summary. Thread-safe. */
public final class Counters {
  private final AtomicLong captured = new AtomicLong();
  private final AtomicLong turns = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);

  public void captured() {
    captured.incrementAndGet();
  }

  public void turn() {
    turns.incrementAndGet();
  }

  public void published() {
    published.incrementAndGet();
  }

  public void dropped(DropReason reason) {
    dropped.incrementAndGet(reason.ordinal());
  }

  public long capturedCount() {
    return captured.get();
  }

  public long turnCount() {
    return turns.get();
  }

  public long publishedCount() {
    return published.get();
  }

  public long droppedCount(DropReason reason) {
    return dropped.get(reason.ordinal());
  }

  public long droppedTotal() {
    long total = 0;
    for (int i = 0; i < dropped.length(); i++) {
      total += dropped.get(i);
    }
    return total;
  }

  /** Non-zero drop counts by reason name, in the vocabulary's order. */
  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (DropReason r : DropReason.values()) {
      long n = dropped.get(r.ordinal());
      if (n > 0) {
        out.put(r.wireName(), n);
      }
    }
    return out;
  }

  /** One line for the log at shutdown. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("captured ")
        .append(captured.get())
        .append(" exchanges, ")
        .append(turns.get())
        .append(" turns, published ")
        .append(published.get())
        .append(" nodes, dropped ")
        .append(droppedTotal());
    Map<String, Long> byReason = droppedByReason();
    if (!byReason.isEmpty()) {
      out.append(' ').append(byReason.toString().replace('{', '(').replace('}', ')'));
    }
    return out.toString();
  }
}
