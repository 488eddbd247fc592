package dev.tapes.agent.llm.openai;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.ReplyReducer;
import dev.tapes.agent.llm.ToolArguments;
import dev.tapes.agent.llm.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI Responses API ({@code /v1/responses}): typed input items in, typed output items out.
 * Every output item of one response flattens into a single assistant message.
 */
public final class Responses {
  /** Item fields that must be strings when present; an item where one is not is skipped. */
  private static final List<String> STRING_FIELDS =
      List.of("type", "role", "id", "call_id", "name", "arguments", "encrypted_content", "status");

  private Responses() {}

  /** True when a request to an OpenAI endpoint is a Responses request rather than a chat one. */
  public static boolean isResponsesRequest(JsonObject request) {
    return request.has("input") && !request.has("messages");
  }

  /** One message per input item; a string input is one user message. */
  public static List<Message> requestMessages(JsonObject request) {
    List<Message> out = new ArrayList<>();
    JsonValue input = request.get("input");
    if (input == null) {
      return out;
    }
    if (input.asString() != null) {
      out.add(new Message("user", List.of(Block.text(input.asString()))));
      return out;
    }
    JsonArray items = input.asArray();
    if (items == null) {
      return out;
    }
    for (JsonValue v : items.elements()) {
      JsonObject item = v.asObject();
      if (item == null || !wellTyped(item)) {
        continue;
      }
      Message m = inputItem(item);
      if (m != null) {
        out.add(m);
      }
    }
    return out;
  }

  private static boolean wellTyped(JsonObject item) {
    for (String field : STRING_FIELDS) {
      JsonValue v = item.get(field);
      if (v != null && !v.isNull() && v.asString() == null) {
        return false;
      }
    }
    JsonValue summary = item.get("summary");
    return summary == null || summary.isNull() || summary.asArray() != null;
  }

  private static Message inputItem(JsonObject item) {
    String type = item.string("type");
    if ("message".equals(type) || ((type == null || type.isEmpty()) && item.has("role"))) {
      return new Message(item.string("role"), messageContent(item));
    }
    Block block = itemBlock(item, type);
    String role =
        "function_call_output".equals(type) || "custom_tool_call_output".equals(type)
            ? "tool"
            : "assistant";
    return new Message(role, List.of(block));
  }

  /** The blocks of a {@code message} item's content. */
  private static List<Block> messageContent(JsonObject item) {
    List<Block> blocks = new ArrayList<>();
    if (!item.members().containsKey("content")) {
      return blocks;
    }
    JsonValue content = item.get("content");
    if (content.isNull()) {
      blocks.add(Block.text(""));
    } else if (content.asString() != null) {
      blocks.add(Block.text(content.asString()));
    } else if (isArrayOfObjects(content)) {
      for (JsonValue p : content.asArray().elements()) {
        blocks.add(part(p.asObject()));
      }
    } else {
      blocks.add(Block.builder("text").content(content).build());
    }
    return blocks;
  }

  private static Block part(JsonObject part) {
    String type = part.string("type");
    if (type == null) {
      type = "";
    }
    switch (type) {
      case "input_text":
      case "output_text":
      case "summary_text":
        return Block.text(part.string("text"));
      case "refusal":
        return Block.builder("refusal").text(part.string("refusal")).build();
      case "input_image":
        return Block.builder("image").imageUrl(part.string("image_url")).build();
      default:
        return Block.builder(type).text(part.string("text")).build();
    }
  }

  /** A non-message item as one block (the same in requests and replies). */
  private static Block itemBlock(JsonObject item, String type) {
    String t = type == null ? "" : type;
    switch (t) {
      case "function_call":
        return functionCall(item);
      case "function_call_output":
        return Block.builder("tool_result")
            .toolResultId(item.string("call_id"))
            .toolOutput(output(item.get("output"), false))
            .build();
      case "custom_tool_call":
        {
          String input = item.string("input");
          Block.Builder b =
              Block.builder("tool_use")
                  .toolUseId(item.string("call_id"))
                  .toolName(item.string("name"));
          if (input != null && !input.isEmpty()) {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            members.put("input", new JsonString(input));
            b.toolInput(JsonObject.of(members));
          }
          return b.build();
        }
      case "custom_tool_call_output":
        return Block.builder("tool_result")
            .toolResultId(item.string("call_id"))
            .toolOutput(output(item.get("output"), true))
            .build();
      case "reasoning":
        return Block.builder("thinking")
            .thinking(summaryText(item.array("summary")))
            .thinkingSignature(item.string("encrypted_content"))
            .build();
      default:
        return Block.builder(t).content(item).build();
    }
  }

  private static Block functionCall(JsonObject item) {
    Block.Builder b =
        Block.builder("tool_use").toolUseId(item.string("call_id")).toolName(item.string("name"));
    String arguments = item.string("arguments");
    if (arguments == null || arguments.isEmpty() || arguments.equals("null")) {
      return b.build();
    }
    JsonObject input = ToolArguments.parseObject(arguments);
    if (input == null) {
      return b.content(item).build();
    }
    return b.toolInput(ToolArguments.nonEmpty(input)).build();
  }

  /**
   * A tool result's output: a string as is; for custom tools, an array of parts as their texts
   * joined; anything else as its exact source text. Absent: null.
   */
  private static String output(JsonValue output, boolean joinParts) {
    if (output == null) {
      return null;
    }
    if (output.asString() != null) {
      return output.asString();
    }
    if (joinParts && isArrayOfObjects(output)) {
      StringBuilder joined = new StringBuilder();
      for (JsonValue p : output.asArray().elements()) {
        String text = p.asObject().string("text");
        if (text != null) {
          joined.append(text);
        }
      }
      return joined.toString();
    }
    return output.rawText();
  }

  /** Summary texts, each non-empty one after earlier text preceded by a newline. */
  private static String summaryText(JsonArray summary) {
    if (summary == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (JsonValue p : summary.elements()) {
      JsonObject part = p.asObject();
      String text = part == null ? null : part.string("text");
      if (text == null || text.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(text);
    }
    return out.toString();
  }

  private static boolean isArrayOfObjects(JsonValue v) {
    JsonArray a = v.asArray();
    if (a == null) {
      return false;
    }
    for (JsonValue e : a.elements()) {
      if (e.asObject() == null) {
        return false;
      }
    }
    return true;
  }

  /** Flattens output items into the blocks of one assistant message. */
  static List<Block> outputBlocks(List<JsonValue> items) {
    List<Block> blocks = new ArrayList<>();
    for (JsonValue v : items) {
      JsonObject item = v.asObject();
      if (item == null) {
        blocks.add(Block.builder("unparsed").content(v).build());
        continue;
      }
      String type = item.string("type");
      if ("message".equals(type)) {
        JsonArray content = item.array("content");
        if (content != null) {
          for (JsonValue p : content.elements()) {
            JsonObject part = p.asObject();
            if (part != null) {
              blocks.add(outputPart(part));
            }
          }
        }
      } else {
        blocks.add(itemBlock(item, type));
      }
    }
    return blocks;
  }

  private static Block outputPart(JsonObject part) {
    String type = part.string("type");
    if ("output_text".equals(type)) {
      return Block.text(part.string("text"));
    }
    if ("refusal".equals(type)) {
      return Block.builder("refusal").text(part.string("refusal")).build();
    }
    return Block.builder(type).text(part.string("text")).build();
  }

  static String stopReason(JsonObject response) {
    String status = response.string("status");
    if (status == null) {
      return "";
    }
    if (status.equals("completed")) {
      return "stop";
    }
    if (status.equals("incomplete")) {
      JsonObject details = response.object("incomplete_details");
      String reason = details == null ? null : details.string("reason");
      return reason == null || reason.isEmpty() ? "incomplete" : reason;
    }
    return status;
  }

  static Usage usage(JsonObject usage) {
    if (usage == null) {
      return Usage.NONE;
    }
    JsonObject details = usage.object("input_tokens_details");
    return Usage.tokens(
        usage.longValue("input_tokens"),
        usage.longValue("output_tokens"),
        usage.longValue("total_tokens"),
        details == null ? 0 : details.longValue("cached_tokens"));
  }

  /**
   * Reduces a one-shot response object, or a stream whose terminal event carries the whole
   * response. A stream that ends without one keeps what its items (or text deltas) delivered.
   */
  public static final class Reducer implements ReplyReducer {
    private JsonObject finalResponse;
    private final List<JsonValue> doneItems = new ArrayList<>();
    private final StringBuilder deltaText = new StringBuilder();
    private String model = "";

    @Override
    public void onDocument(JsonValue document) {
      JsonObject doc = document.asObject();
      if (doc == null) {
        return;
      }
      if (doc.has("type") && !"response".equals(doc.string("object"))) {
        streamEvent(doc);
        return;
      }
      finalResponse = doc;
    }

    @Override
    public void onEvent(String event, byte[] data) {
      try {
        JsonObject doc = JsonReader.parse(data).asObject();
        if (doc != null) {
          streamEvent(doc);
        }
      } catch (JsonException e) {
        // Skipped; a later event may still complete the reply.
      }
    }

    private void streamEvent(JsonObject event) {
      String type = event.string("type");
      if (type == null) {
        return;
      }
      JsonObject response = event.object("response");
      if (response != null) {
        String m = response.string("model");
        if (m != null && !m.isEmpty()) {
          model = m;
        }
      }
      switch (type) {
        case "response.output_item.done":
          JsonValue item = event.get("item");
          if (item != null) {
            doneItems.add(item);
          }
          break;
        case "response.output_text.delta":
          String delta = event.string("delta");
          if (delta != null) {
            deltaText.append(delta);
          }
          break;
        case "response.completed":
        case "response.incomplete":
        case "response.failed":
          if (response != null) {
            finalResponse = response;
          }
          break;
        default:
          break;
      }
    }

    @Override
    public Reply finish() {
      if (finalResponse != null) {
        JsonArray output = finalResponse.array("output");
        List<JsonValue> items =
            output == null || output.size() == 0 ? doneItems : output.elements();
        String m = finalResponse.string("model");
        return new Reply(
            new Message("assistant", outputBlocks(items)),
            m == null || m.isEmpty() ? model : m,
            stopReason(finalResponse),
            usage(finalResponse.object("usage")));
      }
      List<Block> blocks;
      if (!doneItems.isEmpty()) {
        blocks = outputBlocks(doneItems);
      } else if (deltaText.length() > 0) {
        blocks = List.of(Block.text(deltaText.toString()));
      } else {
        blocks = List.of();
      }
      return new Reply(new Message("assistant", blocks), model, "", Usage.NONE);
    }
  }
}
