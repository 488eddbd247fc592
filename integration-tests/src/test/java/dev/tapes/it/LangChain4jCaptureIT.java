package dev.tapes.it;

import dev.tapes.it.LlmServer.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LangChain4j's OpenAI and Ollama chat models, unmodified, over the JDK's HTTP client: a one-shot
 * turn and a streamed one continuing it, recorded as the nodes command computes them, as one chain.
 */
class LangChain4jCaptureIT {
  @TempDir Path tmp;

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void openAiChatModelsAreRecorded(Path java) throws Exception {
    List<Reply> replies =
        List.of(
            Reply.json(
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1733000000,\"model\":\"gpt-4o-mini-2024-07-18\","
                    + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2,\"total_tokens\":14}}"),
            Reply.stream(
                Conversations.SSE,
                50,
                chunk("{\"role\":\"assistant\",\"content\":\"Hi \"}", "null"),
                chunk("{\"content\":\"again!\"}", "null"),
                chunk("{}", "\"stop\""),
                "data: [DONE]\n\n"));
    SdkCaptureIT.checkSdk(
        tmp,
        java,
        "langchain4j-openai-app",
        "dev.tapes.it.apps.LangChain4jOpenAiApp",
        replies,
        List.of("answer Hi!", "streamed Hi again!"));
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void ollamaChatModelsAreRecorded(Path java) throws Exception {
    List<Reply> replies =
        List.of(
            Reply.json(
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-03T10:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi!\"},"
                    + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":12,\"eval_count\":2}"),
            Reply.stream(
                "application/x-ndjson",
                50,
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-03T10:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi \"},\"done\":false}\n",
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-03T10:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"again!\"},\"done\":false}\n",
                "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-03T10:00:02Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                    + "\"done_reason\":\"stop\",\"prompt_eval_count\":20,\"eval_count\":3}\n"));
    SdkCaptureIT.checkSdk(
        tmp,
        java,
        "langchain4j-ollama-app",
        "dev.tapes.it.apps.LangChain4jOllamaApp",
        replies,
        List.of("answer Hi!", "streamed Hi again!"));
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1733000001,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finishReason
        + "}]}\n\n";
  }
}
