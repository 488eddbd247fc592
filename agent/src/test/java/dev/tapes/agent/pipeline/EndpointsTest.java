package dev.tapes.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tapes.agent.llm.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Turn endpoints by path suffix (the non_turn_request examples of the drop-reason corpus). */
class EndpointsTest {
  private final Endpoints endpoints = new Endpoints("https://gw.internal/llm/");

  @ParameterizedTest
  @CsvSource({
    "https://api.anthropic.com/v1/messages, ANTHROPIC",
    "https://api.openai.com/v1/chat/completions, OPENAI",
    "https://api.openai.com/v1/responses, OPENAI",
    "https://chatgpt.com/backend-api/codex/responses, OPENAI",
    "http://localhost:11434/api/chat, OLLAMA",
    "http://gw/local-gw/codex/responses, OPENAI",
    "https://api.anthropic.com/v1/messages?beta=true, ANTHROPIC",
    "https://api.anthropic.com/v1/messages/, ANTHROPIC",
    "https://my.azure.com/openai/deployments/gpt/chat/completions?api-version=2024-06-01, OPENAI",
    "https://gw.internal/llm/v2/generate, OPENAI",
  })
  void turnEndpointsResolveToTheirProvider(String url, Provider provider) {
    assertEquals(provider, endpoints.providerFor(url));
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.anthropic.com/v1/messages/count_tokens",
    "https://api.openai.com/v1/models",
    "http://localhost:8080/api/hello",
    "http://localhost:8080/",
    "http://localhost:8080",
  })
  void otherUrlsAreNotTurns(String url) {
    assertNull(endpoints.providerFor(url));
  }
}
