package dev.tapes.agent.dag;

import java.util.Collections;
import java.util.List;

/** A role and its ordered blocks: one entry of a conversation. */
public final class Message {
  private final String role;
  private final List<Block> blocks;

  public Message(String role, List<Block> blocks) {
    this.role = role == null ? "" : role;
    this.blocks = Collections.unmodifiableList(blocks);
  }

  public String role() {
    return role;
  }

  public List<Block> blocks() {
    return blocks;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message
        && role.equals(((Message) o).role)
        && blocks.equals(((Message) o).blocks);
  }

  @Override
  public int hashCode() {
    return role.hashCode() * 31 + blocks.hashCode();
  }

  @Override
  public String toString() {
    return "Message{" + role + ", " + blocks + "}";
  }
}
