package dev.tapes.agent.llm.ollama;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.ReplyReducer;
import dev.tapes.agent.llm.ToolArguments;
import dev.tapes.agent.llm.Usage;
import java.util.ArrayList;
import java.util.List;

/** Ollama's chat API ({@code /api/chat}); it streams NDJSON unless told otherwise. */
public final class OllamaChat {
  private OllamaChat() {}

  /** One message per {@code messages[]} entry. */
  public static List<Message> requestMessages(JsonObject request) {
    List<Message> out = new ArrayList<>();
    for (JsonObject m : request.objects("messages")) {
      List<Block> blocks = new ArrayList<>();
      String content = m.string("content");
      if (content != null && !content.isEmpty()) {
        blocks.add(Block.text(content));
      }
      images(m, blocks);
      toolCalls(m, blocks);
      out.add(new Message(m.string("role"), blocks));
    }
    return out;
  }

  private static void images(JsonObject m, List<Block> blocks) {
    JsonArray images = m.array("images");
    if (images == null) {
      return;
    }
    for (JsonValue image : images.elements()) {
      if (image.asString() != null) {
        blocks.add(Block.builder("image").imageBase64(image.asString()).build());
      }
    }
  }

  private static void toolCalls(JsonObject m, List<Block> blocks) {
    for (JsonObject call : m.objects("tool_calls")) {
      JsonObject function = call.object("function");
      blocks.add(
          Block.builder("tool_use")
              .toolUseId(call.string("id"))
              .toolName(function == null ? null : function.string("name"))
              .toolInput(
                  ToolArguments.nonEmpty(function == null ? null : function.object("arguments")))
              .build());
    }
  }

  /**
   * Reduces a one-shot reply or an NDJSON stream: content concatenated across lines, tool calls
   * collected from any line, counts and durations from the final line.
   */
  public static final class Reducer implements ReplyReducer {
    private final StringBuilder text = new StringBuilder();
    private final List<Block> images = new ArrayList<>();
    private final List<Block> calls = new ArrayList<>();
    private String model = "";
    private String stopReason = "";
    private Usage usage = Usage.NONE;

    @Override
    public void onDocument(JsonValue document) {
      JsonObject line = document.asObject();
      if (line == null) {
        return;
      }
      String m = line.string("model");
      if (m != null && !m.isEmpty()) {
        model = m;
      }
      JsonObject message = line.object("message");
      if (message != null) {
        String content = message.string("content");
        if (content != null) {
          text.append(content);
        }
        images(message, images);
        toolCalls(message, calls);
      }
      String doneReason = line.string("done_reason");
      if (doneReason != null && !doneReason.isEmpty()) {
        stopReason = doneReason;
      } else if (line.bool("done", false) && stopReason.isEmpty()) {
        stopReason = "stop";
      }
      long prompt = line.longValue("prompt_eval_count");
      long completion = line.longValue("eval_count");
      long totalDuration = line.longValue("total_duration");
      if (prompt > 0 || completion > 0 || totalDuration > 0) {
        usage =
            new Usage(
                prompt,
                completion,
                prompt + completion,
                0,
                0,
                totalDuration,
                line.longValue("prompt_eval_duration"));
      }
    }

    @Override
    public void onEvent(String event, byte[] data) {
      // Ollama does not speak SSE; an SSE body here is not a chat reply.
    }

    @Override
    public Reply finish() {
      List<Block> blocks = new ArrayList<>();
      if (text.length() > 0) {
        blocks.add(Block.text(text.toString()));
      }
      blocks.addAll(images);
      blocks.addAll(calls);
      return new Reply(new Message("assistant", blocks), model, stopReason, usage);
    }
  }
}
