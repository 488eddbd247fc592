package dev.tapes.agent.llm;

import dev.tapes.agent.dag.Message;

/** The assistant's side of a turn, reduced from a one-shot or streamed response body. */
public final class Reply {
  private final Message message;
  private final String model;
  private final String stopReason;
  private final Usage usage;

  public Reply(Message message, String model, String stopReason, Usage usage) {
    this.message = message;
    this.model = model == null ? "" : model;
    this.stopReason = stopReason == null ? "" : stopReason;
    this.usage = usage == null ? Usage.NONE : usage;
  }

  public Message message() {
    return message;
  }

  /** The model the response names, or "". */
  public String model() {
    return model;
  }

  /** The provider's stop reason, or "" when it gave none. */
  public String stopReason() {
    return stopReason;
  }

  public Usage usage() {
    return usage;
  }
}
