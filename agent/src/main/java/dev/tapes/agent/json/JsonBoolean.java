package dev.tapes.agent.json;

/** JSON true or false. */
public final class JsonBoolean extends JsonValue {
  public static final JsonBoolean TRUE = new JsonBoolean(true);
  public static final JsonBoolean FALSE = new JsonBoolean(false);

  private final boolean value;

  private JsonBoolean(boolean value) {
    this.value = value;
  }

  public boolean value() {
    return value;
  }

  @Override
  public String rawText() {
    return value ? "true" : "false";
  }

  @Override
  void appendCompact(StringBuilder out) {
    out.append(rawText());
  }
}
