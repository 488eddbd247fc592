package dev.tapes.agent.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.Turn;
import dev.tapes.agent.llm.Turns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Chat Completions rules of nodes.md §3.1, one small body at a time. */
class ChatCompletionsTest {
  private static final String OK_REPLY =
      "{\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";

  private static List<Message> request(String messages) {
    return Turns.turn(
            Provider.OPENAI, "{\"model\":\"gpt-x\",\"messages\":" + messages + "}", OK_REPLY)
        .requestMessages();
  }

  @Test
  void emptyStringContentIsOneEmptyTextBlock() {
    Message m = request("[{\"role\":\"user\",\"content\":\"\"}]").get(0);
    assertEquals(List.of(Block.text("")), m.blocks());
  }

  @Test
  void nullOrAbsentContentGivesNoBlocks() {
    List<Message> ms = request("[{\"role\":\"user\",\"content\":null},{\"role\":\"user\"}]");
    assertEquals(List.of(), ms.get(0).blocks());
    assertEquals(List.of(), ms.get(1).blocks());
  }

  @Test
  void systemMessageInsideTheArrayIsANode() {
    List<Message> ms =
        request(
            "[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]");
    assertEquals("system", ms.get(0).role());
    assertEquals(2, ms.size());
  }

  @Test
  void arrayPartsKeepTypeAndTextAndImageUrlObjectsBecomeImages() {
    Message m =
        request(
                "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},7,"
                    + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/cat.png\"}},"
                    + "{\"type\":\"input_audio\"}]}]")
            .get(0);
    assertEquals(
        List.of(
            Block.text("look"),
            Block.builder("image").imageUrl("https://x/cat.png").build(),
            Block.builder("input_audio").build()),
        m.blocks());
  }

  @Test
  void toolCallArgumentsAreParsedIntoToolInput() {
    Message m =
        request(
                "[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":"
                    + "\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}]")
            .get(0);
    Block use = m.blocks().get(0);
    assertEquals("tool_use", use.type());
    assertEquals("c1", use.toolUseId());
    assertEquals("f", use.toolName());
    assertEquals("{\"a\":1}", use.toolInput().toString());
  }

  @Test
  void toolArgumentsThatDoNotParseToAnObjectDropTheCall() {
    Message m =
        request(
                "[{\"role\":\"assistant\",\"tool_calls\":["
                    + call("c1", "{not json")
                    + ","
                    + call("c2", "[1,2]")
                    + ","
                    + call("c3", "")
                    + ","
                    + "{\"id\":\"c4\",\"function\":{\"name\":\"f\"}},"
                    + call("c5", "{\\\"ok\\\":true}")
                    + "]}]")
            .get(0);
    assertEquals(1, m.blocks().size());
    assertEquals("c5", m.blocks().get(0).toolUseId());
  }

  @Test
  void nullArgumentsKeepTheCallWithoutInput() {
    Message m =
        request("[{\"role\":\"assistant\",\"tool_calls\":[" + call("c1", "null") + "]}]").get(0);
    assertEquals(1, m.blocks().size());
    assertNull(m.blocks().get(0).toolInput());
  }

  @Test
  void toolMessageIsExactlyOneToolResult() {
    List<Message> ms =
        request(
            "[{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"18C\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]},"
                + "{\"role\":\"tool\",\"content\":\"no id\"}]");
    assertEquals(
        List.of(Block.builder("tool_result").toolResultId("c1").toolOutput("18C").build()),
        ms.get(0).blocks());
    assertEquals(
        List.of(Block.builder("tool_result").toolResultId("c2").toolOutput("").build()),
        ms.get(1).blocks());
    assertEquals(List.of(Block.text("no id")), ms.get(2).blocks());
  }

  @Test
  void oneShotReplyReadsFirstChoiceFinishReasonAndUsage() {
    Reply r =
        Turns.reply(
            Provider.OPENAI,
            "{\"model\":\"gpt-x-2024\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"a\",\"extra\":1},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"u\"}}]},\"finish_reason\":\"length\"},{\"index\":1,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"other\"}}],\"usage\":{"
                + "\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":3}}}");
    assertEquals("gpt-x-2024", r.model());
    assertEquals("length", r.stopReason());
    assertEquals(
        List.of(Block.text("a"), Block.builder("image_url").build()), r.message().blocks());
    assertEquals(5, r.usage().promptTokens());
    assertEquals(2, r.usage().completionTokens());
    assertEquals(7, r.usage().totalTokens());
    assertEquals(3, r.usage().cacheReadInputTokens());
  }

  @Test
  void replyWithoutChoicesHasNoRoleAndNoBlocks() {
    Reply r = Turns.reply(Provider.OPENAI, "{\"model\":\"m\",\"choices\":[]}");
    assertEquals(new Message("", List.of()), r.message());
  }

  @Test
  void streamFollowsTheFirstChoiceAndTheLastFinishReason() {
    Reply r =
        Turns.reply(
            Provider.OPENAI,
            sse(
                "{\"model\":\"m1\",\"choices\":[{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"B\"}}]}",
                "{\"model\":\"m1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}",
                "{\"model\":\"m1\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"length\"}]}",
                "{\"model\":\"m1\",\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                "{\"model\":\"m1\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}"));
    assertEquals(new Message("assistant", List.of(Block.text("Bb"))), r.message());
    assertEquals("stop", r.stopReason());
    assertEquals(6, r.usage().totalTokens());
    assertEquals("m1", r.model());
  }

  @Test
  void streamWithNoContentAtAllIsOneEmptyTextBlock() {
    Reply r =
        Turns.reply(
            Provider.OPENAI,
            sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]}"));
    assertEquals(List.of(Block.text("")), r.message().blocks());
  }

  @Test
  void streamedToolCallFragmentsAreRebuiltByIndexAndIdWithoutIndexContinues() {
    Reply r =
        Turns.reply(
            Provider.OPENAI,
            sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"c2\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"b\\\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\":2}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"c3\",\"function\":{\"name\":\"h\",\"arguments\":\"{\\\"c\\\":\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"3}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
    List<Block> blocks = r.message().blocks();
    assertEquals(3, blocks.size(), blocks.toString());
    assertEquals("c1", blocks.get(0).toolUseId());
    assertNull(blocks.get(0).toolInput());
    assertEquals("c2", blocks.get(1).toolUseId());
    assertEquals("{\"b\":2}", blocks.get(1).toolInput().toString());
    assertEquals("c3", blocks.get(2).toolUseId());
    assertEquals("{\"c\":3}", blocks.get(2).toolInput().toString());
    assertEquals("tool_calls", r.stopReason());
  }

  @Test
  void streamedCallWhoseArgumentsDoNotParseIsDropped() {
    Reply r =
        Turns.reply(
            Provider.OPENAI,
            sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hm\",\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}}]}"));
    assertEquals(List.of(Block.text("hm")), r.message().blocks());
  }

  /**
   * A streamed reply with text and two tool calls hashes like the same reply one-shot, and like the
   * assistant message the client echoes in its next request.
   */
  @Test
  void streamedToolCallsHashLikeOneShotAndLikeTheEcho() {
    String args1 = "{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":3}";
    String args2 = "{\\\"q\\\":\\\"é 🌍\\\"}";
    String oneShot =
        "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"Checking.\",\"tool_calls\":["
            + fullCall("call_1", "weather", args1)
            + ","
            + fullCall("call_2", "search", args2)
            + "]},\"finish_reason\":\"tool_calls\"}]}";
    String streamed =
        sse(
            "{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Check\"}}]}",
            "{\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ing.\"}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Par\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"is\\\",\\\"days\\\":3}\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"search\",\"arguments\":\"{\\\"q\\\":\\\"é 🌍\\\"}\"}}]}}]}",
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}");
    String echo =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"Checking.\",\"tool_calls\":["
            + fullCall("call_1", "weather", args1)
            + ","
            + fullCall("call_2", "search", args2)
            + "]}]}";

    Message fromOneShot = Turns.reply(Provider.OPENAI, oneShot).message();
    Message fromStream = Turns.reply(Provider.OPENAI, streamed).message();
    Message fromEcho = Turns.turn(Provider.OPENAI, echo, OK_REPLY).requestMessages().get(0);

    assertEquals(3, fromStream.blocks().size());
    assertEquals(Turns.rootHash(fromOneShot), Turns.rootHash(fromStream));
    assertEquals(Turns.rootHash(fromEcho), Turns.rootHash(fromStream));
  }

  /** Turn N's reply, echoed in turn N+1's request, is the parent of turn N+1's new message. */
  @Test
  void nextTurnChainsOntoThePreviousReply() {
    String req1 = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    Turn first =
        Turns.turn(
            Provider.OPENAI,
            req1,
            sse(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"finish_reason\":\"stop\"}]}"));
    String req2 =
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello!\"},{\"role\":\"user\",\"content\":\"bye\"}]}";
    Turn second = Turns.turn(Provider.OPENAI, req2, OK_REPLY);

    List<String> h1 = Turns.hashes(first);
    List<String> h2 = Turns.hashes(second);
    assertEquals(h1, h2.subList(0, 2));
  }

  private static String call(String id, String arguments) {
    return "{\"id\":\""
        + id
        + "\",\"function\":{\"name\":\"f\",\"arguments\":\""
        + arguments
        + "\"}}";
  }

  private static String fullCall(String id, String name, String arguments) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":\""
        + arguments
        + "\"}}";
  }

  static String sse(String... chunks) {
    StringBuilder out = new StringBuilder();
    for (String c : chunks) {
      out.append("data: ").append(c).append("\n\n");
    }
    return out.append("data: [DONE]\n\n").toString();
  }
}
