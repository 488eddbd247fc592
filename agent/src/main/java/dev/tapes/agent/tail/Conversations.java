package dev.tapes.agent.tail;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conversations read so far, one DAG per root hash, within a bound: at most {@code
 * maxConversations} (the one updated longest ago is forgotten first) of at most {@code
 * maxNodesEach} nodes (later nodes of a full conversation are counted, not kept). Used by one
 * thread.
 */
public final class Conversations {
  private final int maxConversations;
  private final int maxNodesEach;

  /** In access order: the least recently updated conversation first. */
  private final LinkedHashMap<String, Conversation> byRoot = new LinkedHashMap<>(16, 0.75f, true);

  public Conversations(int maxConversations, int maxNodesEach) {
    this.maxConversations = maxConversations;
    this.maxNodesEach = maxNodesEach;
  }

  /**
   * Adds a node to its conversation. Returns that conversation when the node is new to it, null
   * when it was there already (published twice) or the conversation is full.
   */
  public Conversation add(TailNode node) {
    Conversation conversation = byRoot.get(node.rootHash());
    if (conversation == null) {
      conversation = new Conversation(node.rootHash());
      byRoot.put(node.rootHash(), conversation);
      forgetOldest();
    }
    if (conversation.contains(node.hash())) {
      return null;
    }
    if (conversation.size() >= maxNodesEach) {
      conversation.countNotKept();
      return null;
    }
    conversation.add(node);
    return conversation;
  }

  public int size() {
    return byRoot.size();
  }

  private void forgetOldest() {
    Iterator<Map.Entry<String, Conversation>> oldestFirst = byRoot.entrySet().iterator();
    while (byRoot.size() > maxConversations && oldestFirst.hasNext()) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }
}
