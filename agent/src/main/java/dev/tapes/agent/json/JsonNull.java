package dev.tapes.agent.json;

/** JSON null. */
public final class JsonNull extends JsonValue {
  public static final JsonNull INSTANCE = new JsonNull();

  private JsonNull() {}

  @Override
  public boolean isNull() {
    return true;
  }

  @Override
  public String rawText() {
    return "null";
  }

  @Override
  void appendCompact(StringBuilder out) {
    out.append("null");
  }
}
