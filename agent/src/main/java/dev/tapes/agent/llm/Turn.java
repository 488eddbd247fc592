package dev.tapes.agent.llm;

import dev.tapes.agent.dag.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A completed exchange read as a conversation: the request's messages and the reply. */
public final class Turn {
  private final Provider provider;
  private final String requestModel;
  private final List<Message> requestMessages;
  private final Reply reply;

  public Turn(Provider provider, String requestModel, List<Message> requestMessages, Reply reply) {
    this.provider = provider;
    this.requestModel = requestModel == null ? "" : requestModel;
    this.requestMessages = Collections.unmodifiableList(requestMessages);
    this.reply = reply;
  }

  public Provider provider() {
    return provider;
  }

  public String requestModel() {
    return requestModel;
  }

  public List<Message> requestMessages() {
    return requestMessages;
  }

  public Reply reply() {
    return reply;
  }

  /** This turn with another reply. */
  public Turn withReply(Reply other) {
    return new Turn(provider, requestModel, requestMessages, other);
  }

  /** Every message of the turn in chain order: the request's, then the reply. */
  public List<Message> messages() {
    List<Message> all = new ArrayList<>(requestMessages.size() + 1);
    all.addAll(requestMessages);
    all.add(reply.message());
    return all;
  }
}
