package dev.tapes.agent.json;

/** The text is not one well-formed JSON value. */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message, null, false, false);
  }
}
