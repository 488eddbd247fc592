package dev.tapes.agent.llm.anthropic;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonNumber;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.ReplyReducer;
import dev.tapes.agent.llm.ToolArguments;
import dev.tapes.agent.llm.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Anthropic Messages ({@code /v1/messages}). The top-level {@code system} prompt is not part of the
 * conversation chain. A streamed reply is rebuilt block by block and reduces to exactly the message
 * the one-shot reply would have been.
 */
public final class Messages {
  private Messages() {}

  /** One message per {@code messages[]} entry. */
  public static List<Message> requestMessages(JsonObject request) {
    List<Message> out = new ArrayList<>();
    for (JsonObject m : request.objects("messages")) {
      List<Block> blocks = new ArrayList<>();
      JsonValue content = m.get("content");
      if (content != null && content.asString() != null) {
        blocks.add(Block.text(content.asString()));
      } else if (content != null && content.asArray() != null) {
        for (JsonObject block : content.asArray().objects()) {
          blocks.add(requestBlock(block));
        }
      }
      out.add(new Message(m.string("role"), blocks));
    }
    return out;
  }

  private static Block requestBlock(JsonObject block) {
    String type = block.string("type");
    Block.Builder b = Block.builder(type).text(block.string("text"));
    JsonObject source = block.object("source");
    if (source != null) {
      b.mediaType(source.string("media_type")).imageBase64(source.string("data"));
    }
    if (type == null) {
      return b.build();
    }
    switch (type) {
      case "tool_result":
        b.toolResultId(block.string("tool_use_id")).isError(block.bool("is_error", false));
        JsonValue content = block.get("content");
        if (content != null && content.asString() != null) {
          b.toolOutput(content.asString());
        } else if (content != null && content.asArray() != null) {
          b.toolOutput(joinTexts(content.asArray()));
        }
        return b.build();
      default:
        return withTypedFields(b, type, block);
    }
  }

  /** Fields that requests and one-shot replies carry alike, by block type. */
  private static Block withTypedFields(Block.Builder b, String type, JsonObject block) {
    switch (type) {
      case "thinking":
        b.thinking(block.string("thinking")).thinkingSignature(block.string("signature"));
        break;
      case "tool_use":
      case "server_tool_use":
        b.toolUseId(block.string("id"))
            .toolName(block.string("name"))
            .toolInput(ToolArguments.nonEmpty(block.object("input")));
        break;
      case "web_search_tool_result":
        b.toolResultId(block.string("tool_use_id")).content(block.get("content"));
        break;
      default:
        break;
    }
    return b.build();
  }

  private static String joinTexts(JsonArray parts) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (JsonValue p : parts.elements()) {
      JsonObject part = p.asObject();
      String text = part == null ? null : part.string("text");
      if (text == null) {
        continue;
      }
      if (!first) {
        out.append('\n');
      }
      out.append(text);
      first = false;
    }
    return out.toString();
  }

  /** A reply block: only the fields the response format defines for its type. */
  static Block replyBlock(JsonObject block) {
    String type = block.string("type");
    Block.Builder b = Block.builder(type);
    if (type == null) {
      return b.build();
    }
    if (type.equals("text")) {
      return b.text(block.string("text")).build();
    }
    return withTypedFields(b, type, block);
  }

  static Usage usage(long input, long output, long cacheCreation, long cacheRead) {
    long prompt = input + cacheCreation + cacheRead;
    return new Usage(prompt, output, prompt + output, cacheCreation, cacheRead, 0, 0);
  }

  /**
   * Reduces a one-shot message or its event stream. The stream is a state machine keyed by block
   * index; blocks come out in index order whether or not they were stopped.
   */
  public static final class Reducer implements ReplyReducer {
    private Reply oneShot;

    private String model = "";
    private String role = "assistant";
    private final TreeMap<Integer, StreamedBlock> blocks = new TreeMap<>();
    private String stopReason = "";
    private boolean stopped;
    private boolean errored;
    private long inputTokens;
    private long outputTokens;
    private long cacheCreationTokens;
    private long cacheReadTokens;

    @Override
    public void onDocument(JsonValue document) {
      JsonObject doc = document.asObject();
      if (doc == null) {
        return;
      }
      String type = doc.string("type");
      if (type != null && !type.equals("message")) {
        event(doc);
        return;
      }
      List<Block> out = new ArrayList<>();
      JsonArray content = doc.array("content");
      if (content != null) {
        for (JsonValue v : content.elements()) {
          JsonObject block = v.asObject();
          if (block != null) {
            out.add(replyBlock(block));
          }
        }
      }
      String r = doc.string("role");
      JsonObject u = doc.object("usage");
      Usage usage =
          u == null
              ? Usage.NONE
              : usage(
                  u.longValue("input_tokens"),
                  u.longValue("output_tokens"),
                  u.longValue("cache_creation_input_tokens"),
                  u.longValue("cache_read_input_tokens"));
      oneShot =
          new Reply(
              new Message(r == null || r.isEmpty() ? "assistant" : r, out),
              doc.string("model"),
              doc.string("stop_reason"),
              usage);
    }

    @Override
    public void onEvent(String event, byte[] data) {
      try {
        JsonObject doc = JsonReader.parse(data).asObject();
        if (doc != null) {
          event(doc);
        }
      } catch (JsonException e) {
        // Skipped: one bad event does not spoil the blocks around it.
      }
    }

    private void event(JsonObject event) {
      String type = event.string("type");
      if (type == null) {
        return;
      }
      switch (type) {
        case "message_start":
          messageStart(event.object("message"));
          break;
        case "content_block_start":
          JsonObject start = event.object("content_block");
          if (start != null) {
            blocks.put(index(event), new StreamedBlock(start));
          }
          break;
        case "content_block_delta":
          JsonObject delta = event.object("delta");
          if (delta != null) {
            blocks.computeIfAbsent(index(event), i -> StreamedBlock.text()).delta(delta);
          }
          break;
        case "content_block_stop":
          StreamedBlock stoppedBlock = blocks.get(index(event));
          if (stoppedBlock != null) {
            stoppedBlock.stop();
          }
          break;
        case "message_delta":
          JsonObject md = event.object("delta");
          String reason = md == null ? null : md.string("stop_reason");
          if (reason != null && !reason.isEmpty()) {
            stopReason = reason;
          }
          JsonObject u = event.object("usage");
          if (u != null && u.has("output_tokens")) {
            outputTokens = u.longValue("output_tokens");
          }
          break;
        case "message_stop":
          stopped = true;
          break;
        case "error":
          errored = true;
          if (stopReason.isEmpty()) {
            stopReason = "error";
          }
          break;
        default:
          break;
      }
    }

    private void messageStart(JsonObject message) {
      if (message == null) {
        return;
      }
      String m = message.string("model");
      if (m != null) {
        model = m;
      }
      String r = message.string("role");
      if (r != null && !r.isEmpty()) {
        role = r;
      }
      JsonObject u = message.object("usage");
      if (u != null) {
        inputTokens = u.longValue("input_tokens");
        outputTokens = u.longValue("output_tokens");
        cacheCreationTokens = u.longValue("cache_creation_input_tokens");
        cacheReadTokens = u.longValue("cache_read_input_tokens");
      }
    }

    @Override
    public Reply finish() {
      if (oneShot != null) {
        return oneShot;
      }
      List<Block> out = new ArrayList<>(blocks.size());
      for (StreamedBlock b : blocks.values()) {
        out.add(b.build());
      }
      String reason = stopReason;
      if (!stopped && !errored) {
        reason = "incomplete";
      }
      return new Reply(
          new Message(role, out),
          model,
          reason,
          usage(inputTokens, outputTokens, cacheCreationTokens, cacheReadTokens));
    }

    private static int index(JsonObject event) {
      JsonNumber n = event.number("index");
      return n == null ? 0 : (int) n.doubleValue();
    }
  }

  /** One content block as its start event and deltas build it up. */
  private static final class StreamedBlock {
    private final JsonObject start;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final StringBuilder signature = new StringBuilder();
    private final StringBuilder inputJson = new StringBuilder();
    private JsonObject input;

    StreamedBlock(JsonObject start) {
      this.start = start;
      String t = start.string("text");
      if (t != null) {
        text.append(t);
      }
      String th = start.string("thinking");
      if (th != null) {
        thinking.append(th);
      }
      String sig = start.string("signature");
      if (sig != null) {
        signature.append(sig);
      }
      input = start.object("input");
    }

    static StreamedBlock text() {
      return new StreamedBlock(textStart());
    }

    private static JsonObject textStart() {
      try {
        return JsonReader.parse("{\"type\":\"text\"}").asObject();
      } catch (JsonException e) {
        throw new IllegalStateException(e);
      }
    }

    void delta(JsonObject delta) {
      String type = delta.string("type");
      if (type == null) {
        return;
      }
      switch (type) {
        case "text_delta":
          append(text, delta.string("text"));
          break;
        case "input_json_delta":
          append(inputJson, delta.string("partial_json"));
          break;
        case "thinking_delta":
          append(thinking, delta.string("thinking"));
          break;
        case "signature_delta":
          append(signature, delta.string("signature"));
          break;
        default:
          break;
      }
    }

    /** At the block's stop, buffered tool input replaces the start's when it is an object. */
    void stop() {
      if (inputJson.length() == 0) {
        return;
      }
      JsonObject parsed = ToolArguments.parseObject(inputJson.toString());
      if (parsed != null) {
        input = parsed;
      }
    }

    Block build() {
      String type = start.string("type");
      Block.Builder b = Block.builder(type);
      if (type == null) {
        return b.build();
      }
      switch (type) {
        case "text":
          return b.text(text.toString()).build();
        case "thinking":
          return b.thinking(thinking.toString()).thinkingSignature(signature.toString()).build();
        case "tool_use":
        case "server_tool_use":
          return b.toolUseId(start.string("id"))
              .toolName(start.string("name"))
              .toolInput(ToolArguments.nonEmpty(input))
              .build();
        case "web_search_tool_result":
          return b.toolResultId(start.string("tool_use_id")).content(start.get("content")).build();
        default:
          return b.build();
      }
    }

    private static void append(StringBuilder to, String s) {
      if (s != null) {
        to.append(s);
      }
    }
  }
}
