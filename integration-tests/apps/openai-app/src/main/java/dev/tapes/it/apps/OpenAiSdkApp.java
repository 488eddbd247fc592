package dev.tapes.it.apps;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStreamEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An application using the official OpenAI SDK as its documentation shows, against the server at
 * the base URL given: a Chat Completions conversation (a streamed reply with a tool call, then the
 * tool's result and a one-shot answer), and a Responses conversation (a one-shot reply, then a
 * streamed one continuing it). It prints what it understood of each reply.
 */
public final class OpenAiSdkApp {
  private OpenAiSdkApp() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .baseUrl(args[0] + "/v1")
            .apiKey("sk-test")
            .maxRetries(0)
            .build();

    ChatCompletionCreateParams ask =
        ChatCompletionCreateParams.builder()
            .model(ChatModel.GPT_4O_MINI)
            .addSystemMessage("Be brief.")
            .addUserMessage("Weather in Paris?")
            .addFunctionTool(
                FunctionDefinition.builder()
                    .name("get_weather")
                    .parameters(
                        FunctionParameters.builder()
                            .putAdditionalProperty("type", JsonValue.from("object"))
                            .build())
                    .build())
            .build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream =
        client.chat().completions().createStreaming(ask)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ChatCompletionMessage toolReply = accumulator.chatCompletion().choices().get(0).message();
    ChatCompletionMessageFunctionToolCall call = toolReply.toolCalls().get().get(0).asFunction();
    out.println("tool call " + call.function().name() + " " + call.function().arguments());

    ChatCompletion answer =
        client
            .chat()
            .completions()
            .create(
                ask.toBuilder()
                    .addMessage(toolReply)
                    .addMessage(
                        ChatCompletionToolMessageParam.builder()
                            .toolCallId(call.id())
                            .content("18C and sunny")
                            .build())
                    .build());
    out.println("answer " + answer.choices().get(0).message().content().orElse(""));

    Response hello =
        client
            .responses()
            .create(
                ResponseCreateParams.builder()
                    .model(ChatModel.GPT_4_1)
                    .instructions("Be kind.")
                    .input("Say hi")
                    .build());
    ResponseOutputMessage greeting = hello.output().get(0).asMessage();
    out.println("response " + greeting.content().get(0).asOutputText().text());

    ResponseCreateParams again =
        ResponseCreateParams.builder()
            .model(ChatModel.GPT_4_1)
            .instructions("Be kind.")
            .inputOfResponse(
                List.of(
                    ResponseInputItem.ofEasyInputMessage(user("Say hi")),
                    ResponseInputItem.ofResponseOutputMessage(greeting),
                    ResponseInputItem.ofEasyInputMessage(user("Again"))))
            .build();
    StringBuilder streamed = new StringBuilder();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(again)) {
      stream.stream().forEach(e -> e.outputTextDelta().ifPresent(d -> streamed.append(d.delta())));
    }
    out.println("streamed response " + streamed);
    client.close();
  }

  private static EasyInputMessage user(String text) {
    return EasyInputMessage.builder().role(EasyInputMessage.Role.USER).content(text).build();
  }
}
