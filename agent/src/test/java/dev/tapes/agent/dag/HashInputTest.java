package dev.tapes.agent.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonBoolean;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.testing.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hasher projects blocks while it writes them; these tests hold its input to the definition of
 * nodes.md §4 done step by step: {@link Projection#project} first, then the message as a JSON
 * value, then {@link CanonicalJson} over that value.
 */
class HashInputTest {
  private static final String[] TEXT_PIECES = {
    "a",
    "b c",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u000b",
    "\u00a0",
    "\u3000",
    "\u2028",
    "é",
    "日本",
    "😀",
    "\uD800",
    "\"",
    "\\",
    "\u0001",
    "\u001f",
    "<status>",
    "</status>",
    "<event>x</event>",
    "<system-reminder>",
    "</system-reminder>",
    "<sta",
    "tus>",
    "<",
    "/"
  };

  private static final String[] INPUT_VALUES = {
    "null",
    "false",
    "true",
    "0",
    "-0",
    "0.0",
    "1",
    "2.5",
    "1e21",
    "\"\"",
    "\"x\"",
    "[]",
    "[0]",
    "[null,{}]",
    "{}",
    "{\"e\":null}",
    "{\"e\":\"\",\"f\":0}",
    "{\"k\":\"v\"}",
    "{\"n\":{\"m\":[]}}"
  };

  private final NodeHasher hasher = new NodeHasher();

  @Test
  void hashInputIsTheCanonicalFormOfTheProjectedMessage() {
    PropertyCheck.forAll(
        "hashInputIsTheCanonicalFormOfTheProjectedMessage",
        3000,
        HashInputTest::randomMessage,
        m -> PropertyCheck.escape(m.toString() + " " + describe(m.blocks())),
        m ->
            assertEquals(
                PropertyCheck.escape(stepByStep("parent", m)),
                PropertyCheck.escape(
                    new String(
                        hasher.canonicalInput("parent", m.role(), m.blocks()),
                        StandardCharsets.UTF_8))));
  }

  @Test
  void droppedBlocksLeaveNoSeparatorBehind() {
    List<Block> blocks =
        List.of(
            Block.text(" <status>x</status> "),
            Block.text("kept"),
            Block.text("\n\n"),
            Block.builder("tool_result").toolOutput("<event>gone</event>").build());
    assertEquals(
        stepByStep("", new Message("user", blocks)),
        new String(hasher.canonicalInput("", "user", blocks), StandardCharsets.UTF_8));
  }

  /** The hash input built the plain way, from the projected blocks as JSON values. */
  private static String stepByStep(String parent, Message m) {
    List<JsonValue> blocks = new ArrayList<>();
    for (Block b : Projection.project(m.blocks())) {
      blocks.add(blockValue(b));
    }
    Map<String, JsonValue> content = new LinkedHashMap<>();
    content.put("type", new JsonString("message"));
    content.put("role", new JsonString(m.role()));
    content.put("content", array(blocks));
    Map<String, JsonValue> node = new LinkedHashMap<>();
    node.put("parent", new JsonString(parent));
    node.put("content", JsonObject.of(content));
    return new String(CanonicalJson.toBytes(JsonObject.of(node)), StandardCharsets.UTF_8);
  }

  /** Every non-empty string field, is_error always, tool_input when non-empty, content present. */
  private static JsonValue blockValue(Block b) {
    Map<String, JsonValue> o = new LinkedHashMap<>();
    o.put("type", new JsonString(b.type() == null ? "" : b.type()));
    putString(o, "text", b.text());
    putString(o, "image_url", b.imageUrl());
    putString(o, "image_base64", b.imageBase64());
    putString(o, "media_type", b.mediaType());
    putString(o, "tool_use_id", b.toolUseId());
    putString(o, "tool_name", b.toolName());
    if (b.toolInput() != null && !b.toolInput().isEmpty()) {
      o.put("tool_input", b.toolInput());
    }
    putString(o, "tool_result_id", b.toolResultId());
    putString(o, "tool_output", b.toolOutput());
    o.put("is_error", b.isError() ? JsonBoolean.TRUE : JsonBoolean.FALSE);
    putString(o, "thinking", b.thinking());
    putString(o, "thinking_signature", b.thinkingSignature());
    if (NodeHasher.isPresent(b.content())) {
      o.put("content", b.content());
    }
    return JsonObject.of(o);
  }

  private static void putString(Map<String, JsonValue> o, String name, String value) {
    if (value != null && !value.isEmpty()) {
      o.put(name, new JsonString(value));
    }
  }

  private static JsonArray array(List<JsonValue> elements) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < elements.size(); i++) {
      json.append(i > 0 ? "," : "").append(elements.get(i));
    }
    return parse(json.append(']').toString()).asArray();
  }

  private static Message randomMessage(Random r) {
    List<Block> blocks = new ArrayList<>();
    for (int n = r.nextInt(4); n > 0; n--) {
      Block.Builder b = Block.builder(r.nextInt(8) == 0 ? null : pick(r, "text", "tool_use", "x"));
      b.text(maybeText(r));
      b.toolOutput(maybeText(r));
      b.thinking(maybeText(r));
      b.thinkingSignature(r.nextInt(4) == 0 ? "sig" : null);
      b.imageUrl(r.nextInt(6) == 0 ? "https://e.x/i.png" : null);
      b.imageBase64(r.nextInt(6) == 0 ? pick(r, "", "aGk=") : null);
      b.mediaType(r.nextInt(6) == 0 ? "image/png" : null);
      b.toolUseId(r.nextInt(3) == 0 ? pick(r, "", "call_1") : null);
      b.toolName(r.nextInt(3) == 0 ? "get" : null);
      b.toolResultId(r.nextInt(4) == 0 ? "call_1" : null);
      b.isError(r.nextInt(4) == 0);
      if (r.nextInt(3) == 0) {
        b.toolInput(parse(randomObject(r, 0)).asObject());
      }
      if (r.nextInt(5) == 0) {
        b.content(parse(pick(r, INPUT_VALUES)));
      }
      blocks.add(b.build());
    }
    return new Message(pick(r, "user", "assistant", "", "tool"), blocks);
  }

  private static String maybeText(Random r) {
    if (r.nextInt(3) == 0) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int n = r.nextInt(10); n > 0; n--) {
      text.append(pick(r, TEXT_PIECES));
    }
    return text.toString();
  }

  private static String randomObject(Random r, int depth) {
    StringBuilder json = new StringBuilder("{");
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      json.append(i > 0 ? "," : "").append("\"").append(pick(r, "z", "a", "é", "B", "aa"));
      json.append(i).append("\":");
      json.append(
          depth < 2 && r.nextInt(3) == 0 ? randomObject(r, depth + 1) : pick(r, INPUT_VALUES));
    }
    return json.append('}').toString();
  }

  private static JsonValue parse(String json) {
    try {
      return JsonReader.parse(json);
    } catch (JsonException e) {
      throw new AssertionError(json, e);
    }
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }

  private static String describe(List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    for (Block b : blocks) {
      StringBuilder json = new StringBuilder();
      BlockJson.write(json, b);
      out.append(json).append(' ');
    }
    return out.toString();
  }
}
