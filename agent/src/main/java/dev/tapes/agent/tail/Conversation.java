package dev.tapes.agent.tail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes read so far of one conversation (one root hash), as a DAG: each node under its parent,
 * siblings in the order they arrived. A node whose parent was not read (published before the reader
 * started, or on a partition not read yet) hangs under that missing parent.
 */
public final class Conversation {
  private final String rootHash;
  private final Map<String, TailNode> nodes = new LinkedHashMap<>();
  private final Map<String, List<TailNode>> children = new HashMap<>();
  private long notKept;

  Conversation(String rootHash) {
    this.rootHash = rootHash;
  }

  public String rootHash() {
    return rootHash;
  }

  /** Adds a node; false when it is already here. */
  boolean add(TailNode node) {
    if (nodes.putIfAbsent(node.hash(), node) != null) {
      return false;
    }
    children.computeIfAbsent(node.parentHash(), p -> new ArrayList<>(1)).add(node);
    return true;
  }

  void countNotKept() {
    notKept++;
  }

  /** Nodes of this conversation that arrived past the bound and were not kept. */
  public long notKept() {
    return notKept;
  }

  public int size() {
    return nodes.size();
  }

  public boolean contains(String hash) {
    return nodes.containsKey(hash);
  }

  /** The children of a node (or of a missing parent), in arrival order. */
  public List<TailNode> children(String hash) {
    List<TailNode> c = children.get(hash);
    return c == null ? Collections.emptyList() : Collections.unmodifiableList(c);
  }

  /** The roots read (normally one), in arrival order. */
  public List<TailNode> roots() {
    return children("");
  }

  /** Hashes of the parents that were not read but have children here, in arrival order. */
  public List<String> missingParents() {
    List<String> missing = new ArrayList<>();
    for (TailNode n : nodes.values()) {
      if (!n.isRoot() && !nodes.containsKey(n.parentHash()) && !missing.contains(n.parentHash())) {
        missing.add(n.parentHash());
      }
    }
    return missing;
  }

  /** Nodes without children: one per branch of the conversation. */
  public int leaves() {
    int leaves = 0;
    for (String hash : nodes.keySet()) {
      if (!children.containsKey(hash)) {
        leaves++;
      }
    }
    return leaves;
  }
}
