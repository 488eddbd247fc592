package dev.tapes.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Many one-turn conversations that share a system prompt, told apart by a number: each publishes
 * its question and its answer under the shared system node, {@code 1 + 2 * n} events for {@code n}
 * turns. For tests that need volume rather than variety.
 */
final class NumberedTurns {
  static final String SYSTEM = "You answer in one short sentence.";

  private NumberedTurns() {}

  /** The events {@code turns} turns publish. */
  static int events(int turns) {
    return 1 + 2 * turns;
  }

  /** The {@code JdkClientApp} script step that sends turn {@code i}. */
  static String step(int i) {
    return "POST|/v1/chat/completions|ofString|"
        + Base64.getEncoder().encodeToString(request(i).getBytes(StandardCharsets.UTF_8))
        + "\n";
  }

  /** Queues the server's replies to turns {@code 0} to {@code turns - 1}, in order. */
  static void enqueueReplies(ScriptedServer server, int turns) {
    for (int i = 0; i < turns; i++) {
      server.enqueue(LlmServer.Reply.json(reply(i)));
    }
  }

  static String request(int i) {
    return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\""
        + SYSTEM
        + "\"},{\"role\":\"user\",\"content\":\"Question number "
        + i
        + ": what is "
        + i
        + " squared?\"}]}";
  }

  static String reply(int i) {
    return "{\"id\":\"c"
        + i
        + "\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + i
        + " squared is "
        + ((long) i * i)
        + ".\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":6,\"total_tokens\":26}}";
  }
}
