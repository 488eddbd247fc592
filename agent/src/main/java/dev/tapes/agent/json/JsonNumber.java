package dev.tapes.agent.json;

/** A JSON number, read as an IEEE double like JavaScript does; the source literal is kept. */
public final class JsonNumber extends JsonValue {
  private final double value;
  private final String literal;

  public JsonNumber(double value, String literal) {
    this.value = value;
    this.literal = literal;
  }

  public double doubleValue() {
    return value;
  }

  @Override
  public String rawText() {
    return literal;
  }

  @Override
  void appendCompact(StringBuilder out) {
    out.append(literal);
  }
}
