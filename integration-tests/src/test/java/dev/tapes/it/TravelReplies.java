package dev.tapes.it;

import dev.tapes.it.LlmServer.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * What the loopback LLM server answers {@link dev.tapes.it.app.TravelApp}, in the order the
 * application asks: a streamed answer, two follow-ups, a tool call and the answer after its result
 * (OpenAI Chat Completions), then a translation (Anthropic Messages).
 */
final class TravelReplies {
  static final String MODEL = "gpt-4o-mini-2024-07-18";

  private TravelReplies() {}

  static List<Reply> all() {
    List<Reply> replies = new ArrayList<>();
    replies.add(
        Reply.stream(
            Conversations.SSE,
            40,
            chunk("{\"role\":\"assistant\",\"content\":\"Belém Tower, \"}"),
            chunk("{\"content\":\"the Alfama district \"}"),
            chunk("{\"content\":\"and a ride on tram 28.\"}"),
            "data: {\"id\":\"chatcmpl-1\",\"model\":\""
                + MODEL
                + "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
            "data: {\"id\":\"chatcmpl-1\",\"model\":\""
                + MODEL
                + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":17,"
                + "\"total_tokens\":41}}\n\n",
            "data: [DONE]\n\n"));
    replies.add(
        oneShot(
            "{\"role\":\"assistant\",\"content\":\"The Gulbenkian Museum, then pastéis de nata in a"
                + " café.\"}",
            "stop",
            55,
            14));
    replies.add(
        oneShot(
            "{\"role\":\"assistant\",\"content\":\"Take the red metro line; it runs every few"
                + " minutes.\"}",
            "stop",
            57,
            12));
    replies.add(
        oneShot(
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_w1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]}",
            "tool_calls",
            81,
            16));
    replies.add(
        oneShot(
            "{\"role\":\"assistant\",\"content\":\"Yes: 22°C and sunny, a good day for the"
                + " Alfama.\"}",
            "stop",
            118,
            15));
    replies.add(
        Reply.json(
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"Bom dia! Onde fica a paragem do elétrico?\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":19,"
                + "\"output_tokens\":16}}"));
    return replies;
  }

  private static String chunk(String delta) {
    return "data: {\"id\":\"chatcmpl-1\",\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + "}]}\n\n";
  }

  private static Reply oneShot(String message, String finishReason, int prompt, int completion) {
    return Reply.json(
        "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"model\":\""
            + MODEL
            + "\",\"choices\":[{\"index\":0,\"message\":"
            + message
            + ",\"finish_reason\":\""
            + finishReason
            + "\"}],\"usage\":{\"prompt_tokens\":"
            + prompt
            + ",\"completion_tokens\":"
            + completion
            + ",\"total_tokens\":"
            + (prompt + completion)
            + "}}");
  }
}
