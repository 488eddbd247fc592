package dev.tapes.agent.tail;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.BlockJson;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of a {@code tapes.node.v1} event, reduced to what a tree line shows: its place in the
 * DAG, its role, a one-line summary of its content, and the reply's model and tokens. The content
 * itself is not kept, so a tree of many nodes stays small.
 */
public final class TailNode {
  /** Longest summary kept, in code points; the tree shortens it further. */
  static final int SUMMARY_LIMIT = 200;

  private final String hash;
  private final String parentHash;
  private final String rootHash;
  private final String role;
  private final String summary;
  private final String model;
  private final String stopReason;
  private final long promptTokens;
  private final long completionTokens;
  private final long totalTokens;

  TailNode(
      String hash,
      String parentHash,
      String rootHash,
      String role,
      String summary,
      String model,
      String stopReason,
      long promptTokens,
      long completionTokens,
      long totalTokens) {
    this.hash = hash;
    this.parentHash = parentHash;
    this.rootHash = rootHash;
    this.role = role;
    this.summary = summary;
    this.model = model;
    this.stopReason = stopReason;
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.totalTokens = totalTokens;
  }

  /**
   * Reads one event.
   *
   * @throws JsonException when the bytes are not a {@code tapes.node.v1} event with a hash
   */
  public static TailNode fromEvent(byte[] json) throws JsonException {
    JsonObject event = JsonReader.parse(json).asObject();
    if (event == null || !"tapes.node.v1".equals(event.string("schema"))) {
      throw new JsonException("not a tapes.node.v1 event");
    }
    JsonObject node = event.object("node");
    String hash = node == null ? null : node.string("hash");
    if (hash == null || hash.isEmpty()) {
      throw new JsonException("event without a node hash");
    }
    String parent = node.string("parent_hash");
    String root = event.string("root_hash");
    JsonObject bucket = node.object("bucket");
    if (bucket == null) {
      bucket = JsonObject.of(java.util.Collections.emptyMap());
    }
    JsonObject usage = node.object("usage");
    return new TailNode(
        hash,
        parent == null ? "" : parent,
        root == null || root.isEmpty() ? hash : root,
        orEmpty(bucket.string("role")),
        Summary.of(blocks(bucket.array("content")), SUMMARY_LIMIT),
        orEmpty(bucket.string("model")),
        orEmpty(node.string("stop_reason")),
        usage == null ? 0 : usage.longValue("prompt_tokens"),
        usage == null ? 0 : usage.longValue("completion_tokens"),
        usage == null ? 0 : usage.longValue("total_tokens"));
  }

  private static List<Block> blocks(JsonArray content) {
    List<Block> blocks = new ArrayList<>();
    if (content != null) {
      for (JsonValue v : content.elements()) {
        JsonObject block = v.asObject();
        if (block != null) {
          blocks.add(BlockJson.read(block));
        }
      }
    }
    return blocks;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  public String hash() {
    return hash;
  }

  /** The parent's hash, or "" for a root. */
  public String parentHash() {
    return parentHash;
  }

  public String rootHash() {
    return rootHash;
  }

  public boolean isRoot() {
    return parentHash.isEmpty();
  }

  public String role() {
    return role;
  }

  /** The content on one line: text, tool calls and results, reasoning, other blocks by type. */
  public String summary() {
    return summary;
  }

  public String model() {
    return model;
  }

  public String stopReason() {
    return stopReason;
  }

  public long promptTokens() {
    return promptTokens;
  }

  public long completionTokens() {
    return completionTokens;
  }

  public long totalTokens() {
    return totalTokens;
  }

  /** A reply: the node a response produced, which carries its stop reason or usage. */
  public boolean isReply() {
    return !stopReason.isEmpty() || promptTokens != 0 || completionTokens != 0 || totalTokens != 0;
  }
}
