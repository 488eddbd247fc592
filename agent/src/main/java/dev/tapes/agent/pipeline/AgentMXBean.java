package dev.tapes.agent.pipeline;

import java.util.Map;

/** The agent's counters over JMX, as {@code dev.tapes:type=Agent}. */
public interface AgentMXBean {
  /** Exchanges on turn endpoints that the agent captured. */
  long getCaptured();

  /** Captured exchanges that were turns and reached the sink. */
  long getTurns();

  /** Nodes handed to the sink (each node once per process). */
  long getPublished();

  /** Exchanges not recorded, in total. */
  long getDropped();

  /** Exchanges not recorded, by reason. */
  Map<String, Long> getDroppedByReason();

  /** Events the sink could not deliver: past its waiting bound, or given up on by Kafka. */
  long getEventsDropped();

  /** Exchanges waiting for the background thread. */
  int getQueueDepth();
}
