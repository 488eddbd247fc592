package dev.tapes.agent.llm.ollama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.Reply;
import dev.tapes.agent.llm.Turn;
import dev.tapes.agent.llm.Turns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Ollama chat rules of nodes.md §3.4. */
class OllamaChatTest {
  private static final String OK_REPLY =
      "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"done\":true}";

  @Test
  void requestMessagesReadContentImagesAndToolCalls() {
    List<Message> ms =
        Turns.turn(
                Provider.OLLAMA,
                "{\"model\":\"llama3\",\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},"
                    + "{\"role\":\"user\",\"content\":\"\",\"images\":[\"iVBO\"]},"
                    + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]},"
                    + "{\"role\":\"tool\",\"content\":\"18C\"}]}",
                OK_REPLY)
            .requestMessages();
    assertEquals(new Message("system", List.of(Block.text("sys"))), ms.get(0));
    assertEquals(List.of(Block.builder("image").imageBase64("iVBO").build()), ms.get(1).blocks());
    assertEquals("f", ms.get(2).blocks().get(0).toolName());
    assertEquals("{\"a\":1}", ms.get(2).blocks().get(0).toolInput().toString());
    assertEquals(List.of(Block.text("18C")), ms.get(3).blocks());
  }

  @Test
  void oneShotReplyReadsStopReasonUsageAndDurations() {
    Reply r =
        Turns.reply(
            Provider.OLLAMA,
            "{\"model\":\"llama3\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"done\":true,"
                + "\"total_duration\":5000,\"load_duration\":10,\"prompt_eval_count\":12,"
                + "\"prompt_eval_duration\":300,\"eval_count\":3,\"eval_duration\":400}");
    assertEquals(new Message("assistant", List.of(Block.text("hi"))), r.message());
    assertEquals("stop", r.stopReason());
    assertEquals(12, r.usage().promptTokens());
    assertEquals(3, r.usage().completionTokens());
    assertEquals(15, r.usage().totalTokens());
    assertEquals(5000, r.usage().totalDurationNs());
    assertEquals(300, r.usage().promptDurationNs());
  }

  @Test
  void doneReasonWinsOverDone() {
    Reply r =
        Turns.reply(
            Provider.OLLAMA,
            "{\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"done\":true,\"done_reason\":\"length\"}");
    assertEquals("length", r.stopReason());
  }

  /** An NDJSON stream with text and a tool call hashes like one-shot and like the echo. */
  @Test
  void streamedToolCallHashesLikeOneShotAndLikeTheEcho() {
    String calls =
        "[{\"id\":\"call_7\",\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\",\"days\":2}}}]";
    String oneShot =
        "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"On it.\",\"tool_calls\":"
            + calls
            + "},\"done\":true,\"done_reason\":\"stop\"}";
    String stream =
        "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"On \"},\"done\":false}\n"
            + "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"it.\"},\"done\":false}\n"
            + "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
            + calls
            + "},\"done\":false}\n"
            + "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
            + "\"done_reason\":\"stop\",\"prompt_eval_count\":20,\"eval_count\":9}\n";
    String echo =
        "{\"model\":\"qwen3\",\"messages\":[{\"role\":\"assistant\",\"content\":\"On it.\",\"tool_calls\":"
            + calls
            + "}]}";

    Reply streamed = Turns.reply(Provider.OLLAMA, stream);
    Message a = Turns.reply(Provider.OLLAMA, oneShot).message();
    Message c = Turns.turn(Provider.OLLAMA, echo, OK_REPLY).requestMessages().get(0);
    assertEquals(2, streamed.message().blocks().size());
    assertEquals(Turns.rootHash(a), Turns.rootHash(streamed.message()));
    assertEquals(Turns.rootHash(a), Turns.rootHash(c));
    assertEquals(29, streamed.usage().totalTokens());
  }

  @Test
  void multiTurnConversationFormsOneChain() {
    Turn first =
        Turns.turn(
            Provider.OLLAMA,
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n"
                + "{\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":true}\n");
    Turn second =
        Turns.turn(
            Provider.OLLAMA,
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"again\"}]}",
            OK_REPLY);
    assertEquals(Turns.hashes(first), Turns.hashes(second).subList(0, 2));
  }
}
