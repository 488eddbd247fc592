package dev.tapes.agent.publish;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.BlockJson;
import dev.tapes.agent.dag.Chain;
import dev.tapes.agent.dag.Node;
import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.llm.Turn;
import dev.tapes.agent.llm.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code tapes.node.v1} event: a node with the metadata that travels beside it but is not
 * hashed (model, provider, stop reason, usage, project).
 */
public final class NodeEvent {
  public static final String SCHEMA = "tapes.node.v1";

  private final String rootHash;
  private final String conversationHash;
  private final Instant occurredAt;
  private final Node node;
  private final String model;
  private final String provider;
  private final String agentName;
  private final String stopReason;
  private final Usage usage;
  private final String project;

  private NodeEvent(
      String rootHash,
      String conversationHash,
      Instant occurredAt,
      Node node,
      String model,
      String provider,
      String agentName,
      String stopReason,
      Usage usage,
      String project) {
    this.rootHash = rootHash;
    this.conversationHash = conversationHash;
    this.occurredAt = occurredAt;
    this.node = node;
    this.model = model;
    this.provider = provider;
    this.agentName = agentName;
    this.stopReason = stopReason;
    this.usage = usage;
    this.project = project;
  }

  /**
   * The events of every node of a turn, root first. Request nodes carry the request's model; the
   * reply node carries the response's model, its stop reason and usage.
   */
  public static List<NodeEvent> forTurn(
      Turn turn, NodeHasher hasher, String project, String agentName, Instant occurredAt) {
    List<Node> nodes = Chain.of(turn.messages(), hasher);
    List<NodeEvent> events = new ArrayList<>(nodes.size());
    String root = nodes.get(0).hash();
    String conversation = root;
    for (Node n : nodes) {
      if (n.message().role().equals("user")) {
        conversation = n.hash();
        break;
      }
    }
    int head = nodes.size() - 1;
    for (int i = 0; i < nodes.size(); i++) {
      boolean isHead = i == head;
      events.add(
          new NodeEvent(
              root,
              conversation,
              occurredAt,
              nodes.get(i),
              isHead ? turn.reply().model() : turn.requestModel(),
              turn.provider().wireName(),
              agentName == null ? "" : agentName,
              isHead ? turn.reply().stopReason() : "",
              isHead ? turn.reply().usage() : Usage.NONE,
              project == null ? "" : project));
    }
    return events;
  }

  public String rootHash() {
    return rootHash;
  }

  /**
   * The hash of the chain's first user-role node (the root when there is none): shared prefixes
   * such as one system prompt do not put every conversation under one key.
   */
  public String conversationHash() {
    return conversationHash;
  }

  public Node node() {
    return node;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  /** The event as one line of JSON (no trailing newline). */
  public String toJson() {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"schema\":\"").append(SCHEMA).append("\",\"root_hash\":");
    JsonString.appendQuoted(out, rootHash);
    out.append(",\"occurred_at\":\"").append(occurredAt).append("\",\"node\":{\"hash\":");
    JsonString.appendQuoted(out, node.hash());
    out.append(",\"parent_hash\":");
    if (node.isRoot()) {
      out.append("null");
    } else {
      JsonString.appendQuoted(out, node.parentHash());
    }
    out.append(",\"bucket\":{\"type\":\"message\",\"role\":");
    JsonString.appendQuoted(out, node.message().role());
    out.append(",\"content\":[");
    List<Block> blocks = node.message().blocks();
    for (int i = 0; i < blocks.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      BlockJson.write(out, blocks.get(i));
    }
    out.append("],\"model\":");
    JsonString.appendQuoted(out, model);
    out.append(",\"provider\":");
    JsonString.appendQuoted(out, provider);
    if (!agentName.isEmpty()) {
      out.append(",\"agent_name\":");
      JsonString.appendQuoted(out, agentName);
    }
    out.append('}');
    if (!stopReason.isEmpty()) {
      out.append(",\"stop_reason\":");
      JsonString.appendQuoted(out, stopReason);
    }
    if (!usage.isEmpty()) {
      usage(out, usage);
    }
    if (!project.isEmpty()) {
      out.append(",\"project\":");
      JsonString.appendQuoted(out, project);
    }
    return out.append("}}").toString();
  }

  private static void usage(StringBuilder out, Usage u) {
    out.append(",\"usage\":{");
    int start = out.length();
    count(out, start, "prompt_tokens", u.promptTokens());
    count(out, start, "completion_tokens", u.completionTokens());
    count(out, start, "total_tokens", u.totalTokens());
    count(out, start, "cache_creation_input_tokens", u.cacheCreationInputTokens());
    count(out, start, "cache_read_input_tokens", u.cacheReadInputTokens());
    count(out, start, "total_duration_ns", u.totalDurationNs());
    count(out, start, "prompt_duration_ns", u.promptDurationNs());
    out.append('}');
  }

  private static void count(StringBuilder out, int start, String name, long value) {
    if (value == 0) {
      return;
    }
    if (out.length() > start) {
      out.append(',');
    }
    out.append('"').append(name).append("\":").append(value);
  }
}
