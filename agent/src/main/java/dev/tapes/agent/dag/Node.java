package dev.tapes.agent.dag;

/** A message placed in the DAG: its hash, and the hash of the node before it ("" for a root). */
public final class Node {
  private final String hash;
  private final String parentHash;
  private final Message message;

  public Node(String hash, String parentHash, Message message) {
    this.hash = hash;
    this.parentHash = parentHash;
    this.message = message;
  }

  public String hash() {
    return hash;
  }

  /** The parent's hash, or "" for a root. */
  public String parentHash() {
    return parentHash;
  }

  public boolean isRoot() {
    return parentHash.isEmpty();
  }

  public Message message() {
    return message;
  }
}
