package dev.tapes.agent.json;

/** A JSON string. */
public final class JsonString extends JsonValue {
  private final String value;

  public JsonString(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  @Override
  public String asString() {
    return value;
  }

  @Override
  public String rawText() {
    return toString();
  }

  @Override
  void appendCompact(StringBuilder out) {
    appendQuoted(out, value);
  }

  /** Appends {@code s} quoted, escaping only what JSON requires. */
  public static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    int from = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, from, i);
      from = i + 1;
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    out.append(s, from, s.length()).append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
