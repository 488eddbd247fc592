package dev.tapes.agent.llm.openai;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/** OpenAI Chat Completions ({@code /v1/chat/completions}) and every server that speaks it. */
public final class ChatCompletions {
  private ChatCompletions() {}

  /** One message per {@code messages[]} entry, in order. */
  public static List<Message> requestMessages(JsonObject request) {
    List<Message> out = new ArrayList<>();
    for (JsonObject m : request.objects("messages")) {
      out.add(message(m, false));
    }
    return out;
  }

  /**
   * Reads one message. In a reply, array content parts keep only their type and text; in a request,
   * an {@code image_url} part becomes an image block.
   */
  static Message message(JsonObject m, boolean reply) {
    String role = m.string("role");
    String toolCallId = m.string("tool_call_id");
    if ("tool".equals(role) && toolCallId != null && !toolCallId.isEmpty()) {
      String output = m.string("content");
      Block result =
          Block.builder("tool_result")
              .toolResultId(toolCallId)
              .toolOutput(output == null ? "" : output)
              .build();
      return new Message(role, List.of(result));
    }

    List<Block> blocks = new ArrayList<>();
    JsonValue content = m.get("content");
    if (content != null && content.asString() != null) {
      blocks.add(Block.text(content.asString()));
    } else if (content != null && content.asArray() != null) {
      for (JsonValue p : content.asArray().elements()) {
        JsonObject part = p.asObject();
        if (part != null) {
          blocks.add(part(part, reply));
        }
      }
    }
    JsonArray toolCalls = m.array("tool_calls");
    if (toolCalls != null) {
      for (JsonValue c : toolCalls.elements()) {
        JsonObject call = c.asObject();
        if (call == null) {
          continue;
        }
        JsonObject function = call.object("function");
        Block use =
            toolUse(
                call.string("id"),
                function == null ? null : function.string("name"),
                function == null ? null : function.string("arguments"));
        if (use != null) {
          blocks.add(use);
        }
      }
    }
    return new Message(role, blocks);
  }

  private static Block part(JsonObject part, boolean reply) {
    JsonObject image = part.object("image_url");
    if (!reply && image != null) {
      return Block.builder("image").imageUrl(image.string("url")).build();
    }
    return Block.builder(part.string("type")).text(part.string("text")).build();
  }

  /**
   * A tool call, or null when it must be dropped: arguments that are empty, missing, or not a JSON
   * object. The string {@code "null"} keeps the call without arguments.
   */
  static Block toolUse(String id, String name, String arguments) {
    Block.Builder b = Block.builder("tool_use").toolUseId(id).toolName(name);
    if ("null".equals(arguments)) {
      return b.build();
    }
    JsonObject input = ToolArguments.parseObject(arguments);
    if (input == null) {
      return null;
    }
    return b.toolInput(ToolArguments.nonEmpty(input)).build();
  }

  static Usage usage(JsonObject usage) {
    if (usage == null) {
      return Usage.NONE;
    }
    JsonObject details = usage.object("prompt_tokens_details");
    return Usage.tokens(
        usage.longValue("prompt_tokens"),
        usage.longValue("completion_tokens"),
        usage.longValue("total_tokens"),
        details == null ? 0 : details.longValue("cached_tokens"));
  }

  /**
   * Reduces a one-shot completion or a stream of {@code chat.completion.chunk}s (SSE, or NDJSON
   * from servers that stream that way). A stream follows one choice, the one its first choice
   * names, and rebuilds tool calls from their fragments.
   */
  public static final class Reducer implements ReplyReducer {
    /** The data of the event that ends a stream. */
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private Reply oneShot;

    private String model = "";
    private boolean sawChoice;
    private int choiceIndex;
    private final StringBuilder text = new StringBuilder();
    private boolean sawText;
    private final TreeMap<Integer, CallFragments> calls = new TreeMap<>();
    private CallFragments latestCall;
    private String stopReason = "";
    private Usage usage = Usage.NONE;

    @Override
    public void onDocument(JsonValue document) {
      JsonObject doc = document.asObject();
      if (doc == null) {
        return;
      }
      if (isChunk(doc)) {
        chunk(doc);
        return;
      }
      JsonArray choices = doc.array("choices");
      JsonObject first = choices == null || choices.size() == 0 ? null : choices.get(0).asObject();
      JsonObject message = first == null ? null : first.object("message");
      Message reply = message == null ? new Message("", List.of()) : message(message, true);
      String finish = first == null ? null : first.string("finish_reason");
      oneShot = new Reply(reply, doc.string("model"), finish, usage(doc.object("usage")));
    }

    @Override
    public void onEvent(String event, byte[] data) {
      if (Arrays.equals(data, DONE)) {
        return;
      }
      try {
        JsonObject doc = JsonReader.parse(data).asObject();
        if (doc != null) {
          chunk(doc);
        }
      } catch (JsonException e) {
        // A malformed chunk is skipped; the rest of the stream still counts.
      }
    }

    @Override
    public Reply finish() {
      if (oneShot != null) {
        return oneShot;
      }
      List<Block> blocks = new ArrayList<>();
      if (sawText || calls.isEmpty()) {
        blocks.add(Block.text(text.toString()));
      }
      for (CallFragments call : calls.values()) {
        Block use = toolUse(call.id, call.name, call.arguments.toString());
        if (use != null) {
          blocks.add(use);
        }
      }
      return new Reply(new Message("assistant", blocks), model, stopReason, usage);
    }

    private static boolean isChunk(JsonObject doc) {
      if ("chat.completion.chunk".equals(doc.string("object"))) {
        return true;
      }
      JsonArray choices = doc.array("choices");
      JsonObject first = choices == null || choices.size() == 0 ? null : choices.get(0).asObject();
      return first != null && first.has("delta") && !first.has("message");
    }

    private void chunk(JsonObject chunk) {
      String m = chunk.string("model");
      if (m != null && !m.isEmpty()) {
        model = m;
      }
      JsonObject u = chunk.object("usage");
      if (u != null) {
        usage = usage(u);
      }
      JsonArray choices = chunk.array("choices");
      if (choices == null) {
        return;
      }
      for (JsonValue v : choices.elements()) {
        JsonObject choice = v.asObject();
        if (choice == null) {
          continue;
        }
        int index = index(choice);
        if (!sawChoice) {
          sawChoice = true;
          choiceIndex = index;
        }
        if (index == choiceIndex) {
          choice(choice);
        }
      }
    }

    private void choice(JsonObject choice) {
      String finish = choice.string("finish_reason");
      if (finish != null && !finish.isEmpty()) {
        stopReason = finish;
      }
      JsonObject delta = choice.object("delta");
      if (delta == null) {
        return;
      }
      String content = delta.string("content");
      if (content != null && !content.isEmpty()) {
        text.append(content);
        sawText = true;
      }
      JsonArray toolCalls = delta.array("tool_calls");
      if (toolCalls != null) {
        for (JsonValue f : toolCalls.elements()) {
          JsonObject fragment = f.asObject();
          if (fragment != null) {
            fragment(fragment);
          }
        }
      }
    }

    private void fragment(JsonObject fragment) {
      String id = fragment.string("id");
      CallFragments call;
      JsonNumber index = fragment.number("index");
      if (index != null) {
        call = calls.computeIfAbsent((int) index.doubleValue(), k -> new CallFragments());
      } else if (latestCall != null
          && (id == null || id.isEmpty() || latestCall.id == null || id.equals(latestCall.id))) {
        call = latestCall;
      } else {
        int next = calls.isEmpty() ? 0 : calls.lastKey() + 1;
        call = new CallFragments();
        calls.put(next, call);
      }
      latestCall = call;

      if (call.id == null && id != null && !id.isEmpty()) {
        call.id = id;
      }
      JsonObject function = fragment.object("function");
      if (function != null) {
        String name = function.string("name");
        if (call.name == null && name != null && !name.isEmpty()) {
          call.name = name;
        }
        String arguments = function.string("arguments");
        if (arguments != null) {
          call.arguments.append(arguments);
        }
      }
    }

    private static int index(JsonObject choice) {
      JsonNumber n = choice.number("index");
      return n == null ? 0 : (int) n.doubleValue();
    }
  }

  /** The pieces of one streamed tool call. */
  private static final class CallFragments {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }
}
