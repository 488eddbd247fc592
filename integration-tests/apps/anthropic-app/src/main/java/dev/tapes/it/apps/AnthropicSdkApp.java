package dev.tapes.it.apps;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An application using the official Anthropic SDK as its documentation shows, against the server at
 * the base URL given: a streamed reply with thinking and a tool call, then the tool's result and a
 * one-shot answer. It prints what it understood of each reply.
 */
public final class AnthropicSdkApp {
  private AnthropicSdkApp() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    AnthropicClient client =
        AnthropicOkHttpClient.builder()
            .baseUrl(args[0])
            .apiKey("sk-ant-test")
            .maxRetries(0)
            .build();

    MessageCreateParams ask =
        MessageCreateParams.builder()
            .model("claude-sonnet-4-5")
            .maxTokens(2048)
            .enabledThinking(1024)
            .system("You check facts.")
            .addTool(
                Tool.builder()
                    .name("search")
                    .inputSchema(
                        Tool.InputSchema.builder()
                            .putAdditionalProperty(
                                "properties", JsonValue.from(Map.of("q", Map.of("type", "string"))))
                            .build())
                    .build())
            .addUserMessage("How tall is the Eiffel Tower?")
            .build();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(ask)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message toolReply = accumulator.message();
    ToolUseBlock call =
        toolReply.content().stream()
            .filter(ContentBlock::isToolUse)
            .findFirst()
            .orElseThrow()
            .asToolUse();
    out.println("thought " + toolReply.content().get(0).asThinking().thinking());
    out.println("tool call " + call.name() + " " + call._input());

    Message answer =
        client
            .messages()
            .create(
                ask.toBuilder()
                    .addMessage(toolReply)
                    .addUserMessageOfContentBlockParams(
                        List.of(
                            ContentBlockParam.ofToolResult(
                                ToolResultBlockParam.builder()
                                    .toolUseId(call.id())
                                    .content("330 m")
                                    .build())))
                    .build());
    out.println("answer " + answer.content().get(0).asText().text());
    client.close();
  }
}
