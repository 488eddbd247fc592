package dev.tapes.it.apps;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An application using LangChain4j's Ollama chat models (over the JDK's HTTP client, LangChain4j's
 * default) against the server at the base URL given: a one-shot turn, then a streamed one
 * continuing it. It prints what it understood of each reply.
 */
public final class LangChain4jOllamaApp {
  private LangChain4jOllamaApp() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String baseUrl = args[0];
    OllamaChatModel model =
        OllamaChatModel.builder().baseUrl(baseUrl).modelName("llama3.2").build();
    SystemMessage system = SystemMessage.from("Be brief.");
    UserMessage hello = UserMessage.from("Say hi");
    AiMessage reply = model.chat(List.of(system, hello)).aiMessage();
    out.println("answer " + reply.text());

    OllamaStreamingChatModel streaming =
        OllamaStreamingChatModel.builder().baseUrl(baseUrl).modelName("llama3.2").build();
    List<ChatMessage> again = List.of(system, hello, reply, UserMessage.from("Again"));
    out.println("streamed " + stream(streaming, again).get().aiMessage().text());
  }

  private static CompletableFuture<ChatResponse> stream(
      OllamaStreamingChatModel model, List<ChatMessage> messages) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        messages,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {}

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    return done;
  }
}
