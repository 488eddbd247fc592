package dev.tapes.agent.json;

import java.util.Collections;
import java.util.List;

/** A JSON array. */
public final class JsonArray extends JsonValue {
  private final List<JsonValue> elements;
  private final Object source; // char[] or valid UTF-8 byte[]; null when built in code
  private final int start;
  private final int end;

  JsonArray(List<JsonValue> elements, Object source, int start, int end) {
    this.elements = elements;
    this.source = source;
    this.start = start;
    this.end = end;
  }

  public List<JsonValue> elements() {
    return Collections.unmodifiableList(elements);
  }

  /** The elements that are objects, in order; other elements are skipped. */
  public List<JsonObject> objects() {
    List<JsonObject> out = new java.util.ArrayList<>(elements.size());
    for (JsonValue v : elements) {
      JsonObject o = v.asObject();
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  public int size() {
    return elements.size();
  }

  public JsonValue get(int i) {
    return elements.get(i);
  }

  @Override
  public JsonArray asArray() {
    return this;
  }

  @Override
  public String rawText() {
    return source != null ? JsonReader.slice(source, start, end) : toString();
  }

  @Override
  void appendCompact(StringBuilder out) {
    out.append('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      elements.get(i).appendCompact(out);
    }
    out.append(']');
  }
}
