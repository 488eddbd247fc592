package dev.tapes.agent.llm;

import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;

/** Tool arguments that travel as a string holding JSON. */
public final class ToolArguments {
  private ToolArguments() {}

  /** The arguments as an object, or null when they are not one (or do not parse). */
  public static JsonObject parseObject(String arguments) {
    if (arguments == null || arguments.isEmpty()) {
      return null;
    }
    try {
      JsonValue v = JsonReader.parse(arguments);
      return v.asObject();
    } catch (JsonException e) {
      return null;
    }
  }

  /** An object with members, or null: an empty object carries no arguments. */
  public static JsonObject nonEmpty(JsonObject input) {
    return input == null || input.isEmpty() ? null : input;
  }
}
