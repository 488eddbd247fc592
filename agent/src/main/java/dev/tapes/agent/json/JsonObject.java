package dev.tapes.agent.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON object. Members keep their order; a repeated key keeps its last value, as in Go. */
public final class JsonObject extends JsonValue {
  private final Map<String, JsonValue> members;
  private final Object source; // char[] or valid UTF-8 byte[]; null when built in code
  private final int start;
  private final int end;

  JsonObject(Map<String, JsonValue> members, Object source, int start, int end) {
    this.members = members;
    this.source = source;
    this.start = start;
    this.end = end;
  }

  /** An object built in code, with no source text. */
  public static JsonObject of(Map<String, JsonValue> members) {
    return new JsonObject(new LinkedHashMap<>(members), null, 0, 0);
  }

  public Map<String, JsonValue> members() {
    return Collections.unmodifiableMap(members);
  }

  public int size() {
    return members.size();
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** The member's value, or null when absent (JSON null is returned as {@link JsonNull}). */
  public JsonValue get(String key) {
    return members.get(key);
  }

  /** True when the member is present and not JSON null. */
  public boolean has(String key) {
    JsonValue v = members.get(key);
    return v != null && !v.isNull();
  }

  /** The member when it is a string, else null. */
  public String string(String key) {
    JsonValue v = members.get(key);
    return v == null ? null : v.asString();
  }

  /** The member when it is an object, else null. */
  public JsonObject object(String key) {
    JsonValue v = members.get(key);
    return v == null ? null : v.asObject();
  }

  /** The member when it is an array, else null. */
  public JsonArray array(String key) {
    JsonValue v = members.get(key);
    return v == null ? null : v.asArray();
  }

  /** The object elements of an array member, in order; empty when absent or not an array. */
  public List<JsonObject> objects(String key) {
    JsonArray a = array(key);
    return a == null ? List.of() : a.objects();
  }

  /** The member when it is a number, else null. */
  public JsonNumber number(String key) {
    JsonValue v = members.get(key);
    return v instanceof JsonNumber ? (JsonNumber) v : null;
  }

  /** The member as a whole number of tokens or nanoseconds; 0 when absent or not a number. */
  public long longValue(String key) {
    JsonNumber n = number(key);
    return n == null ? 0 : (long) n.doubleValue();
  }

  /** The member when it is a boolean, else the fallback. */
  public boolean bool(String key, boolean fallback) {
    JsonValue v = members.get(key);
    return v instanceof JsonBoolean ? ((JsonBoolean) v).value() : fallback;
  }

  @Override
  public JsonObject asObject() {
    return this;
  }

  @Override
  public String rawText() {
    return source != null ? JsonReader.slice(source, start, end) : toString();
  }

  @Override
  void appendCompact(StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonValue> e : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      JsonString.appendQuoted(out, e.getKey());
      out.append(':');
      e.getValue().appendCompact(out);
    }
    out.append('}');
  }
}
