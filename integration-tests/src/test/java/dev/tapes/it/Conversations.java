package dev.tapes.it;

import dev.tapes.it.LlmServer.Reply;
import java.util.List;

/**
 * Two-turn conversations in each provider format: the first reply streamed (with tool calls or
 * reasoning where the format has them), echoed back in the second request, which gets a one-shot
 * reply (or the other way round). Turn 2's request repeats turn 1 exactly as clients do.
 */
final class Conversations {
  /** One exchange of a script: where it goes, what is sent, what comes back. */
  static final class Step {
    final String provider;
    final String path;
    final String request;
    final Reply reply;

    Step(String provider, String path, String request, Reply reply) {
      this.provider = provider;
      this.path = path;
      this.request = request;
      this.reply = reply;
    }
  }

  private Conversations() {}

  static final String SSE = "text/event-stream";

  static List<Step> all() {
    return List.of(
        openAiChat1(),
        openAiChat2(),
        responses1(),
        responses2(),
        anthropic1(),
        anthropic2(),
        ollama1(),
        ollama2());
  }

  static final String CHAT_1 =
      "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
          + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";

  static Step openAiChat1() {
    return new Step(
        "openai",
        "/v1/chat/completions",
        CHAT_1,
        Reply.stream(
            SSE,
            0,
            "data: {\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n",
            "data: {\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}}]}\n\n",
            "data: {\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
            "data: [DONE]\n\n"));
  }

  static Step openAiChat2() {
    String request =
        CHAT_1.substring(0, CHAT_1.length() - 2)
            + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C and sunny\"}]}";
    return new Step(
        "openai",
        "/v1/chat/completions",
        request.replace("\"stream\":true,", ""),
        Reply.json(
            "{\"id\":\"c2\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"18C and sunny in Paris.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":8,\"total_tokens\":48}}"));
  }

  static Step responses1() {
    return new Step(
        "openai",
        "/v1/responses",
        "{\"model\":\"gpt-4.1\",\"instructions\":\"Be kind.\",\"input\":\"Say hi\"}",
        Reply.json(
            "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-4.1\",\"output\":["
                + "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi!\",\"annotations\":[]}]}],"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2,\"total_tokens\":7}}"));
  }

  static Step responses2() {
    String item =
        "{\"type\":\"message\",\"id\":\"msg_2\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi again!\",\"annotations\":[]}]}";
    return new Step(
        "openai",
        "/v1/responses",
        "{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":[{\"role\":\"user\",\"content\":\"Say hi\"},"
            + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi!\"}]},"
            + "{\"role\":\"user\",\"content\":\"Again\"}]}",
        Reply.stream(
            SSE,
            0,
            "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"model\":\"gpt-4.1\",\"status\":\"in_progress\",\"output\":[]}}\n\n",
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi \"}\n\n",
            "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"again!\"}\n\n",
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"item\":"
                + item
                + "}\n\n",
            "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"model\":\"gpt-4.1\",\"status\":\"completed\",\"output\":["
                + item
                + "],\"usage\":{\"input_tokens\":9,\"output_tokens\":3,\"total_tokens\":12}}}\n\n"));
  }

  static final String ANTHROPIC_1 =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"system\":\"You check facts.\","
          + "\"messages\":[{\"role\":\"user\",\"content\":\"How tall is the Eiffel Tower?\"}]}";

  static Step anthropic1() {
    return new Step(
        "anthropic",
        "/v1/messages",
        ANTHROPIC_1,
        Reply.stream(
            SSE,
            0,
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Look it up.\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig1\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"search\",\"input\":{}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\": \\\"Eiffel\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\" Tower height\\\"}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":30}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
  }

  static Step anthropic2() {
    String request =
        ANTHROPIC_1.substring(0, ANTHROPIC_1.length() - 2).replace("\"stream\":true,", "")
            + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Look it up.\",\"signature\":\"sig1\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"search\",\"input\":{\"q\":\"Eiffel Tower height\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"330 m\"}]}]}";
    return new Step(
        "anthropic",
        "/v1/messages",
        request,
        Reply.json(
            "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"It is 330 m tall.\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":60,\"cache_read_input_tokens\":20,\"output_tokens\":9}}"));
  }

  static Step ollama1() {
    return new Step(
        "ollama",
        "/api/chat",
        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Name a colour.\"}]}",
        Reply.stream(
            "application/x-ndjson",
            0,
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Bl\"},\"done\":false}\n",
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"ue.\"},\"done\":false}\n",
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                + "\"total_duration\":123456,\"prompt_eval_count\":12,\"prompt_eval_duration\":2000,\"eval_count\":3}\n"));
  }

  static Step ollama2() {
    return new Step(
        "ollama",
        "/api/chat",
        "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Name a colour.\"},"
            + "{\"role\":\"assistant\",\"content\":\"Blue.\"},{\"role\":\"user\",\"content\":\"Another.\"}]}",
        Reply.json(
            "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Green.\"},\"done\":true,"
                + "\"done_reason\":\"stop\",\"prompt_eval_count\":20,\"eval_count\":2}"));
  }
}
