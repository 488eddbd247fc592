package dev.tapes.agent.llm;

import dev.tapes.agent.json.JsonValue;

/**
 * Folds a response body into a {@link Reply}, one piece at a time, so that a long stream never has
 * to be held whole. Implementations never throw on bad input: they skip what they cannot read.
 */
public interface ReplyReducer {
  /** A whole one-shot response document, or one line of an NDJSON stream. */
  void onDocument(JsonValue document);

  /**
   * One server-sent event: its {@code event:} name (or null) and its {@code data:} lines joined
   * with newlines, as the bytes of the body (UTF-8, not checked).
   */
  void onEvent(String event, byte[] data);

  /** The reply as it stands when the body ended (or was cut). */
  Reply finish();
}
