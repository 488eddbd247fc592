package dev.tapes.agent.json;

/**
 * A parsed JSON value. Numbers are IEEE doubles, as in JavaScript and in tapes; strings hold
 * Unicode scalar values only (unpaired surrogates were replaced on the way in).
 */
public abstract class JsonValue {
  JsonValue() {}

  /** This value as JSON text: the exact source text where the parser kept it, else compact. */
  public abstract String rawText();

  /** True for JSON null. */
  public boolean isNull() {
    return false;
  }

  /** Returns this value as an object, or null when it is not one. */
  public JsonObject asObject() {
    return null;
  }

  /** Returns this value as an array, or null when it is not one. */
  public JsonArray asArray() {
    return null;
  }

  /** Returns the string this value holds, or null when it is not a string. */
  public String asString() {
    return null;
  }

  /** Compact JSON with members in their original order; strings escaped minimally. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    appendCompact(out);
    return out.toString();
  }

  abstract void appendCompact(StringBuilder out);
}
