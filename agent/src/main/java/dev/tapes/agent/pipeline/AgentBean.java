package dev.tapes.agent.pipeline;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exposes a pipeline's counters as the {@link AgentMXBean}. */
public final class AgentBean implements AgentMXBean {
  private static final Logger log = LoggerFactory.getLogger(AgentBean.class);

  public static final String NAME = "dev.tapes:type=Agent";

  private final Pipeline pipeline;

  private AgentBean(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Registers the bean on the platform MBean server; a failure is logged, never thrown. */
  public static void register(Pipeline pipeline) {
    try {
      ManagementFactory.getPlatformMBeanServer()
          .registerMBean(new AgentBean(pipeline), new ObjectName(NAME));
    } catch (Exception | LinkageError e) {
      log.warn("counters are not available over JMX: " + e);
    }
  }

  @Override
  public long getCaptured() {
    return pipeline.counters().capturedCount();
  }

  @Override
  public long getTurns() {
    return pipeline.counters().turnCount();
  }

  @Override
  public long getPublished() {
    return pipeline.counters().publishedCount();
  }

  @Override
  public long getDropped() {
    return pipeline.counters().droppedTotal();
  }

  @Override
  public Map<String, Long> getDroppedByReason() {
    return pipeline.counters().droppedByReason();
  }

  @Override
  public long getEventsDropped() {
    return pipeline.eventsDropped();
  }

  @Override
  public int getQueueDepth() {
    return pipeline.queueDepth();
  }
}
