package dev.tapes.agent.dag;

import java.util.ArrayList;
import java.util.List;

/** Links messages into a linear chain: each node's parent is the node before it. */
public final class Chain {
  private Chain() {}

  /** Hashes {@code messages} in order, the first one as a root. */
  public static List<Node> of(List<Message> messages, NodeHasher hasher) {
    List<Node> nodes = new ArrayList<>(messages.size());
    String parent = "";
    for (Message m : messages) {
      String hash = hasher.hash(parent, m.role(), m.blocks());
      nodes.add(new Node(hash, parent, m));
      parent = hash;
    }
    return nodes;
  }
}
