package dev.tapes.agent.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.Turns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Responses API rules of nodes.md §3.2. */
class ResponsesTest {
  private static final String OK_REPLY =
      "{\"object\":\"response\",\"model\":\"m\",\"status\":\"completed\",\"output\":[]}";

  private static List<Message> input(String input) {
    return Turns.turn(
            Provider.OPENAI,
            "{\"model\":\"m\",\"instructions\":\"sys\",\"input\":" + input + "}",
            OK_REPLY)
        .requestMessages();
  }

  @Test
  void stringInputIsOneUserMessageAndInstructionsAreNotANode() {
    assertEquals(List.of(new Message("user", List.of(Block.text("hi")))), input("\"hi\""));
  }

  @Test
  void inputWithMessagesIsAChatRequest() {
    List<Message> ms =
        Turns.turn(
                Provider.OPENAI,
                "{\"model\":\"m\",\"input\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"chat\"}]}",
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}")
            .requestMessages();
    assertEquals(List.of(new Message("user", List.of(Block.text("chat")))), ms);
  }

  @Test
  void messageItemsReadStringNullAndPartContent() {
    List<Message> ms =
        input(
            "[{\"type\":\"message\",\"role\":\"developer\",\"content\":\"rules\"},"
                + "{\"role\":\"user\",\"content\":null},"
                + "{\"role\":\"user\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"a\"},"
                + "{\"type\":\"refusal\",\"refusal\":\"no\"},{\"type\":\"input_image\",\"image_url\":\"u\"},"
                + "{\"type\":\"input_file\",\"text\":\"f\"}]},"
                + "{\"role\":\"user\",\"content\":{\"odd\":1}}]");
    assertEquals(new Message("developer", List.of(Block.text("rules"))), ms.get(0));
    assertEquals(List.of(Block.text("")), ms.get(1).blocks());
    assertEquals(List.of(), ms.get(2).blocks());
    assertEquals(
        List.of(
            Block.text("a"),
            Block.builder("refusal").text("no").build(),
            Block.builder("image").imageUrl("u").build(),
            Block.builder("input_file").text("f").build()),
        ms.get(3).blocks());
    assertEquals("text", ms.get(4).blocks().get(0).type());
    assertEquals("{\"odd\":1}", ms.get(4).blocks().get(0).content().toString());
  }

  @Test
  void itemsThatAreNotObjectsOrHaveMistypedFieldsAreSkipped() {
    List<Message> ms =
        input(
            "[1,\"s\",{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":{\"a\":1}},"
                + "{\"role\":7,\"content\":\"x\"},{\"role\":\"user\",\"content\":\"kept\"}]");
    assertEquals(List.of(new Message("user", List.of(Block.text("kept")))), ms);
  }

  @Test
  void functionCallsAndOutputs() {
    List<Message> ms =
        input(
            "[{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c2\",\"name\":\"f\",\"arguments\":\"null\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c3\",\"name\":\"f\",\"arguments\":\"[1]\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"done\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c2\",\"output\":{ \"k\" : [1, 2] }},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c3\"}]");
    assertEquals("assistant", ms.get(0).role());
    assertEquals("{\"a\":1}", ms.get(0).blocks().get(0).toolInput().toString());
    assertNull(ms.get(1).blocks().get(0).toolInput());
    Block unparsed = ms.get(2).blocks().get(0);
    assertNull(unparsed.toolInput());
    assertEquals("function_call", unparsed.content().asObject().string("type"));
    assertEquals(
        new Message(
            "tool",
            List.of(Block.builder("tool_result").toolResultId("c1").toolOutput("done").build())),
        ms.get(3));
    assertEquals("{ \"k\" : [1, 2] }", ms.get(4).blocks().get(0).toolOutput());
    assertNull(ms.get(5).blocks().get(0).toolOutput());
  }

  @Test
  void customToolCallsAndOutputs() {
    List<Message> ms =
        input(
            "[{\"type\":\"custom_tool_call\",\"call_id\":\"c1\",\"name\":\"sh\",\"input\":\"ls -l\"},"
                + "{\"type\":\"custom_tool_call\",\"call_id\":\"c2\",\"name\":\"sh\",\"input\":\"\"},"
                + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"c1\",\"output\":[{\"type\":\"input_text\",\"text\":\"a\"},{\"type\":\"input_text\",\"text\":\"b\"}]},"
                + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"c2\",\"output\":42}]");
    assertEquals("{\"input\":\"ls -l\"}", ms.get(0).blocks().get(0).toolInput().toString());
    assertNull(ms.get(1).blocks().get(0).toolInput());
    assertEquals("tool", ms.get(2).role());
    assertEquals("ab", ms.get(2).blocks().get(0).toolOutput());
    assertEquals("42", ms.get(3).blocks().get(0).toolOutput());
  }

  @Test
  void reasoningJoinsSummaryTextsWithNewlinesAndIgnoresContent() {
    Message m =
        input(
                "[{\"type\":\"reasoning\",\"id\":\"r\",\"encrypted_content\":\"sig\",\"content\":[{\"type\":\"reasoning_text\",\"text\":\"hidden\"}],"
                    + "\"summary\":[{\"type\":\"summary_text\",\"text\":\"\"},{\"type\":\"summary_text\",\"text\":\"one\"},"
                    + "{\"type\":\"other\",\"text\":\"two\"},{\"type\":\"summary_text\",\"text\":\"\"}]}]")
            .get(0);
    assertEquals(
        new Message(
            "assistant",
            List.of(
                Block.builder("thinking").thinking("one\ntwo").thinkingSignature("sig").build())),
        m);
  }

  @Test
  void unknownItemsKeepTheirTypeAndRawJson() {
    Message m =
        input("[{\"type\":\"web_search_call\",\"id\":\"w\",\"status\":\"completed\"}]").get(0);
    assertEquals("assistant", m.role());
    assertEquals("web_search_call", m.blocks().get(0).type());
    assertEquals("w", m.blocks().get(0).content().asObject().string("id"));
  }

  @Test
  void oneShotOutputItemsFlattenIntoOneAssistantMessage() {
    Reply r =
        Turns.responsesReply(
            "{\"object\":\"response\",\"model\":\"gpt-r\",\"status\":\"incomplete\","
                + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"output\":["
                + "{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"think\"}]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hi\"},"
                + "{\"type\":\"refusal\",\"refusal\":\"no\"}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\"},"
                + "\"odd\"],\"usage\":{\"input_tokens\":9,\"output_tokens\":4,\"total_tokens\":13,"
                + "\"input_tokens_details\":{\"cached_tokens\":2}}}");
    List<String> types =
        r.message().blocks().stream()
            .map(Block::type)
            .collect(java.util.stream.Collectors.toList());
    assertEquals(List.of("thinking", "text", "refusal", "tool_use", "unparsed"), types);
    assertEquals("max_output_tokens", r.stopReason());
    assertEquals("gpt-r", r.model());
    assertEquals(9, r.usage().promptTokens());
    assertEquals(2, r.usage().cacheReadInputTokens());
  }

  @Test
  void streamWithEmptyTerminalOutputUsesItemsFromOutputItemDone() {
    String item =
        "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]}";
    Reply r =
        Turns.responsesReply(
            "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"item\":"
                + item
                + "}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
                + "{\"model\":\"m\",\"status\":\"completed\",\"output\":[]}}\n\n");
    assertEquals(List.of(Block.text("hello")), r.message().blocks());
    assertEquals("stop", r.stopReason());
  }

  @Test
  void streamWithoutTerminalEventKeepsTextDeltasAndHasNoStopReason() {
    Reply r =
        Turns.responsesReply(
            "data: {\"type\":\"response.created\",\"response\":{\"model\":\"m\",\"status\":\"in_progress\",\"output\":[]}}\n\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"par\"}\n\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"tial\"}\n\n");
    assertEquals(List.of(Block.text("partial")), r.message().blocks());
    assertEquals("", r.stopReason());
  }

  /** A streamed function call reply hashes like the one-shot reply and like its echo as input. */
  @Test
  void streamedFunctionCallHashesLikeOneShotAndLikeTheEcho() {
    String call =
        "{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_9\",\"name\":\"lookup\","
            + "\"arguments\":\"{\\\"id\\\":42,\\\"deep\\\":{\\\"x\\\":null}}\",\"status\":\"completed\"}";
    String oneShot =
        "{\"object\":\"response\",\"model\":\"m\",\"status\":\"completed\",\"output\":["
            + call
            + "]}";
    String stream =
        "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"item\":"
            + "{\"type\":\"function_call\",\"call_id\":\"call_9\",\"name\":\"lookup\",\"arguments\":\"\"}}\n\n"
            + "event: response.function_call_arguments.delta\ndata: {\"type\":\"response.function_call_arguments.delta\",\"delta\":\"{\\\"id\\\":42\"}\n\n"
            + "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\",\"item\":"
            + call
            + "}\n\nevent: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
            + "{\"model\":\"m\",\"status\":\"completed\",\"output\":["
            + call
            + "]}}\n\n";
    String echo = "{\"model\":\"m\",\"input\":[" + call + "]}";

    Message a = Turns.responsesReply(oneShot).message();
    Message b = Turns.responsesReply(stream).message();
    Message c = Turns.turn(Provider.OPENAI, echo, OK_REPLY).requestMessages().get(0);
    assertEquals(Turns.rootHash(a), Turns.rootHash(b));
    assertEquals(Turns.rootHash(a), Turns.rootHash(c));
    assertEquals("{\"id\":42,\"deep\":{\"x\":null}}", b.blocks().get(0).toolInput().toString());
  }

  /** A reasoning summary streamed then echoed back hashes the same as its one-shot twin. */
  @Test
  void streamedReasoningHashesLikeOneShotAndLikeTheEcho() {
    String reasoning =
        "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"encrypted_content\":\"enc\",\"summary\":["
            + "{\"type\":\"summary_text\",\"text\":\"Plan the answer.\"}]}";
    String stream =
        "data: {\"type\":\"response.output_item.done\",\"item\":"
            + reasoning
            + "}\n\ndata: {\"type\":\"response.completed\",\"response\":{\"status\":\"completed\",\"output\":[]}}\n\n";
    String oneShot =
        "{\"object\":\"response\",\"status\":\"completed\",\"output\":[" + reasoning + "]}";
    Message a = Turns.responsesReply(oneShot).message();
    Message b = Turns.responsesReply(stream).message();
    Message c =
        Turns.turn(Provider.OPENAI, "{\"input\":[" + reasoning + "]}", OK_REPLY)
            .requestMessages()
            .get(0);
    assertEquals(Turns.rootHash(a), Turns.rootHash(b));
    assertEquals(Turns.rootHash(a), Turns.rootHash(c));
  }
}
