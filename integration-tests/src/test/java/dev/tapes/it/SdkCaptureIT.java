package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.it.LlmServer.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official SDKs, unmodified, in applications run with the agent against a loopback server that
 * answers as the providers do: each exchange gives the events the {@code nodes} command gives for
 * the exact bytes the SDK sent and received, and each conversation forms one chain.
 */
class SdkCaptureIT {
  private static final Pattern SUMMARY =
      Pattern.compile("at exit: captured (\\d+) exchanges, (\\d+) turns");

  @TempDir Path tmp;

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void openAiSdkChatWithToolCallAndResponsesAreRecorded(Path java) throws Exception {
    List<Reply> replies =
        List.of(
            Reply.stream(
                Conversations.SSE,
                50,
                chunk(
                    "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}",
                    "null"),
                chunk(
                    "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}",
                    "null"),
                chunk("{}", "\"tool_calls\""),
                "data: [DONE]\n\n"),
            Reply.json(
                "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1733000001,\"model\":\"gpt-4o-mini-2024-07-18\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"18C and sunny in Paris.\",\"refusal\":null},"
                    + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":70,\"completion_tokens\":8,\"total_tokens\":78}}"),
            Reply.json(response("resp_1", "completed", "[" + message("msg_1", "Hi!") + "]", true)),
            Reply.stream(
                Conversations.SSE,
                50,
                event(
                    "response.created",
                    "\"response\":" + response("resp_2", "in_progress", "[]", false),
                    0),
                event(
                    "response.output_item.added",
                    "\"output_index\":0,\"item\":{\"id\":\"msg_2\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}",
                    1),
                event(
                    "response.content_part.added",
                    "\"item_id\":\"msg_2\",\"output_index\":0,\"content_index\":0,\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[],\"logprobs\":[]}",
                    2),
                event("response.output_text.delta", textDelta("Hi "), 3),
                event("response.output_text.delta", textDelta("again!"), 4),
                event(
                    "response.output_text.done",
                    "\"item_id\":\"msg_2\",\"output_index\":0,\"content_index\":0,\"text\":\"Hi again!\",\"logprobs\":[]",
                    5),
                event(
                    "response.output_item.done",
                    "\"output_index\":0,\"item\":" + message("msg_2", "Hi again!"),
                    6),
                event(
                    "response.completed",
                    "\"response\":"
                        + response(
                            "resp_2", "completed", "[" + message("msg_2", "Hi again!") + "]", true),
                    7)));
    List<String> out =
        List.of(
            "tool call get_weather {\"city\":\"Paris\"}",
            "answer 18C and sunny in Paris.",
            "response Hi!",
            "streamed response Hi again!");
    checkSdk(tmp, java, "openai-app", "dev.tapes.it.apps.OpenAiSdkApp", replies, out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void anthropicSdkMessagesWithThinkingAndToolUseAreRecorded(Path java) throws Exception {
    List<Reply> replies =
        List.of(
            Reply.stream(
                Conversations.SSE,
                50,
                anthropicEvent(
                    "message_start",
                    "\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"output_tokens\":1}}"),
                anthropicEvent(
                    "content_block_start",
                    "\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}"),
                anthropicEvent(
                    "content_block_delta",
                    "\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Look it up.\"}"),
                anthropicEvent(
                    "content_block_delta",
                    "\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"sig1\"}"),
                anthropicEvent("content_block_stop", "\"index\":0"),
                anthropicEvent(
                    "content_block_start",
                    "\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"search\",\"input\":{}}"),
                anthropicEvent(
                    "content_block_delta",
                    "\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\": \\\"Eiffel\"}"),
                anthropicEvent(
                    "content_block_delta",
                    "\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\" Tower height\\\"}\"}"),
                anthropicEvent("content_block_stop", "\"index\":1"),
                anthropicEvent(
                    "message_delta",
                    "\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":30}"),
                anthropicEvent("message_stop", "")),
            Reply.json(
                "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"It is 330 m tall.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":90,\"output_tokens\":9}}"));
    List<String> out =
        List.of(
            "thought Look it up.",
            "tool call search {q=Eiffel Tower height}",
            "answer It is 330 m tall.");
    checkSdk(tmp, java, "anthropic-app", "dev.tapes.it.apps.AnthropicSdkApp", replies, out);
  }

  /**
   * Runs an SDK application with the agent: it understands every reply, and the agent's events are
   * the nodes command's for what the server saw, each exchange once, as one chain per conversation.
   */
  static void checkSdk(
      Path tmp,
      Path java,
      String module,
      String mainClass,
      List<Reply> replies,
      List<String> expectedOut)
      throws Exception {
    Path events = tmp.resolve("events.jsonl");
    List<LlmServer.Recorded> recorded;
    Jvm.Result result;
    try (LlmServer server = new LlmServer()) {
      replies.forEach(server::enqueue);
      result =
          Jvm.run(
              Apps.command(
                  java,
                  OkHttpCaptureIT.agent(events),
                  Apps.classPath(module),
                  mainClass,
                  server.baseUrl()),
              new byte[0],
              tmp);
      recorded = server.recorded();
    }
    assertEquals(0, result.code, result.err);
    assertEquals(String.join("\n", expectedOut), result.out.trim(), result.err);

    List<List<String>> perExchange = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (LlmServer.Recorded r : recorded) {
      List<String> nodes =
          JdkHttpClientCaptureIT.nodesCommand(
              JdkHttpClientCaptureIT.providerOf(r.path), r.request, r.response);
      perExchange.add(nodes);
      expected.addAll(nodes);
    }
    try {
      Events.assertSameEvents(Events.firstOfEachNode(expected), Events.read(events));
    } catch (AssertionError e) {
      throw new AssertionError("agent's stderr:\n" + result.err, e);
    }
    Matcher summary = SUMMARY.matcher(result.err);
    assertEquals(true, summary.find(), result.err);
    assertEquals(replies.size(), Integer.parseInt(summary.group(1)), summary.group());
    assertEquals(replies.size(), Integer.parseInt(summary.group(2)), summary.group());

    // Each second exchange continues the one before: its reply is the parent of what follows.
    for (int i = 0; i + 1 < perExchange.size(); i += 2) {
      List<String> first = perExchange.get(i);
      List<String> second = perExchange.get(i + 1);
      assertEquals(
          Events.hash(first.get(first.size() - 1)),
          Events.parent(second.get(first.size())),
          "turn 2 of " + recorded.get(i).path + "\n" + String.join("\n", second));
    }
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1733000000,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + finishReason
        + "}]}\n\n";
  }

  private static String message(String id, String text) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\""
        + text
        + "\",\"annotations\":[],\"logprobs\":[]}]}";
  }

  private static String response(String id, String status, String output, boolean usage) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"response\",\"created_at\":1733000002,\"status\":\""
        + status
        + "\",\"error\":null,\"incomplete_details\":null,\"instructions\":\"Be kind.\",\"max_output_tokens\":null,"
        + "\"model\":\"gpt-4.1-2025-04-14\",\"output\":"
        + output
        + ",\"parallel_tool_calls\":true,\"previous_response_id\":null,\"temperature\":1.0,\"tool_choice\":\"auto\","
        + "\"tools\":[],\"top_p\":1.0,\"metadata\":{}"
        + (usage
            ? ",\"usage\":{\"input_tokens\":9,\"input_tokens_details\":{\"cached_tokens\":0},\"output_tokens\":3,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":12}"
            : "")
        + "}";
  }

  private static String textDelta(String delta) {
    return "\"item_id\":\"msg_2\",\"output_index\":0,\"content_index\":0,\"delta\":\""
        + delta
        + "\",\"logprobs\":[]";
  }

  private static String event(String type, String fields, int sequence) {
    return "event: "
        + type
        + "\ndata: {\"type\":\""
        + type
        + "\",\"sequence_number\":"
        + sequence
        + ","
        + fields
        + "}\n\n";
  }

  private static String anthropicEvent(String type, String fields) {
    return "event: "
        + type
        + "\ndata: {\"type\":\""
        + type
        + "\""
        + (fields.isEmpty() ? "" : "," + fields)
        + "}\n\n";
  }
}
