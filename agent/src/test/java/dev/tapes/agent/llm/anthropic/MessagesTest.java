package dev.tapes.agent.llm.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.Turns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages rules of nodes.md §3.3. */
class MessagesTest {
  private static final String OK_REPLY =
      "{\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\"}";

  private static List<Message> request(String messages) {
    return Turns.turn(
            Provider.ANTHROPIC,
            "{\"model\":\"claude-x\",\"system\":\"You are terse.\",\"messages\":" + messages + "}",
            OK_REPLY)
        .requestMessages();
  }

  @Test
  void topLevelSystemIsNotANode() {
    List<Message> ms = request("[{\"role\":\"user\",\"content\":\"hi\"}]");
    assertEquals(List.of(new Message("user", List.of(Block.text("hi")))), ms);
  }

  @Test
  void requestBlocksCarryTextSourceAndTypedFields() {
    Message m =
        request(
                "[{\"role\":\"user\",\"content\":[\"skip\",{\"type\":\"text\",\"text\":\"see\"},"
                    + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"AAAA\"}},"
                    + "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://x/doc.pdf\"}},"
                    + "{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"is_error\":true,\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image\"},{\"type\":\"text\",\"text\":\"b\"}]},"
                    + "{\"type\":\"tool_result\",\"tool_use_id\":\"t2\",\"content\":\"plain\"}]}]")
            .get(0);
    assertEquals(
        List.of(
            Block.text("see"),
            Block.builder("image").mediaType("image/png").imageBase64("AAAA").build(),
            Block.builder("document").build(),
            Block.builder("tool_result")
                .toolResultId("t1")
                .isError(true)
                .toolOutput("a\nb")
                .build(),
            Block.builder("tool_result").toolResultId("t2").toolOutput("plain").build()),
        m.blocks());
  }

  @Test
  void assistantEchoCarriesThinkingToolUseAndServerResults() {
    Message m =
        request(
                "[{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"s\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"f\",\"input\":{\"a\":1}},"
                    + "{\"type\":\"server_tool_use\",\"id\":\"s1\",\"name\":\"web_search\",\"input\":{}},"
                    + "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"s1\",\"content\":[{\"type\":\"web_search_result\",\"url\":\"u\"}]}]}]")
            .get(0);
    assertEquals(
        Block.builder("thinking").thinking("hmm").thinkingSignature("s").build(),
        m.blocks().get(0));
    assertEquals("{\"a\":1}", m.blocks().get(1).toolInput().toString());
    assertNull(m.blocks().get(2).toolInput(), "an empty input object is no input");
    assertEquals("s1", m.blocks().get(3).toolResultId());
    assertEquals(
        "[{\"type\":\"web_search_result\",\"url\":\"u\"}]", m.blocks().get(3).content().toString());
  }

  @Test
  void oneShotReplyKeepsOnlyTheFieldsOfEachType() {
    Reply r =
        Turns.reply(
            Provider.ANTHROPIC,
            "{\"type\":\"message\",\"model\":\"claude-y\",\"content\":[{\"type\":\"text\",\"text\":\"t\",\"citations\":[]},"
                + "{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}],\"stop_reason\":\"max_tokens\","
                + "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":5,\"cache_read_input_tokens\":100,\"output_tokens\":7}}");
    assertEquals(
        new Message(
            "assistant", List.of(Block.text("t"), Block.builder("redacted_thinking").build())),
        r.message());
    assertEquals("max_tokens", r.stopReason());
    assertEquals(115, r.usage().promptTokens());
    assertEquals(7, r.usage().completionTokens());
    assertEquals(122, r.usage().totalTokens());
    assertEquals(5, r.usage().cacheCreationInputTokens());
    assertEquals(100, r.usage().cacheReadInputTokens());
  }

  @Test
  void deltaForAnIndexNeverStartedOpensATextBlock() {
    Reply r =
        Turns.reply(
            Provider.ANTHROPIC,
            events(
                "{\"type\":\"message_start\",\"message\":{\"model\":\"c\",\"role\":\"assistant\",\"usage\":{\"input_tokens\":3}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}",
                "{\"type\":\"message_stop\"}"));
    assertEquals(List.of(Block.text("first"), Block.text("late")), r.message().blocks());
    assertEquals("end_turn", r.stopReason());
    assertEquals(5, r.usage().totalTokens());
  }

  @Test
  void toolInputThatDoesNotParseKeepsTheStartInput() {
    Reply r =
        Turns.reply(
            Provider.ANTHROPIC,
            events(
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"k\":\"v\"}}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"k\\\":\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_stop\"}"));
    assertEquals("{\"k\":\"v\"}", r.message().blocks().get(0).toolInput().toString());
  }

  /** Thinking, text and a tool call, streamed, hash like the one-shot reply and like the echo. */
  @Test
  void streamedThinkingAndToolUseHashLikeOneShotAndLikeTheEcho() {
    String blocks =
        "[{\"type\":\"thinking\",\"thinking\":\"Need the weather.\",\"signature\":\"EqQB\"},"
            + "{\"type\":\"text\",\"text\":\"Let me check.\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\",\"units\":\"c\"}}]";
    String oneShot =
        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"c\",\"content\":"
            + blocks
            + ",\"stop_reason\":\"tool_use\"}";
    String stream =
        events(
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"c\",\"content\":[]}}",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Need the \"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"weather.\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"ping\"}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me check.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":1}",
            "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Par\"}}",
            "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"is\\\", \\\"units\\\": \\\"c\\\"}\"}}",
            "{\"type\":\"content_block_stop\",\"index\":2}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":40}}",
            "{\"type\":\"message_stop\"}");
    String echo =
        "{\"model\":\"c\",\"messages\":[{\"role\":\"assistant\",\"content\":" + blocks + "}]}";

    Message a = Turns.reply(Provider.ANTHROPIC, oneShot).message();
    Message b = Turns.reply(Provider.ANTHROPIC, stream).message();
    Message c = Turns.turn(Provider.ANTHROPIC, echo, OK_REPLY).requestMessages().get(0);
    assertEquals(3, b.blocks().size());
    assertEquals(Turns.rootHash(a), Turns.rootHash(b));
    assertEquals(Turns.rootHash(a), Turns.rootHash(c));
    assertEquals("tool_use", Turns.reply(Provider.ANTHROPIC, stream).stopReason());
  }

  static String events(String... data) {
    StringBuilder out = new StringBuilder();
    for (String d : data) {
      String type = d.substring(d.indexOf("\"type\":\"") + 8);
      type = type.substring(0, type.indexOf('"'));
      out.append("event: ").append(type).append("\ndata: ").append(d).append("\n\n");
    }
    return out.toString();
  }
}
