package dev.tapes.agent.llm;

import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.llm.anthropic.Messages;
import dev.tapes.agent.llm.ollama.OllamaChat;
import dev.tapes.agent.llm.openai.ChatCompletions;
import dev.tapes.agent.llm.openai.Responses;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Turns the bodies of one exchange into a {@link Turn}, or says why it cannot: the one entry point
 * shared by the agent's pipeline and the command line. Never throws for bad input.
 */
public final class TurnParser {
  private TurnParser() {}

  /** A turn, or the reason there is none. */
  public static final class Result {
    private final Turn turn;
    private final DropReason dropReason;
    private final String detail;

    private Result(Turn turn, DropReason dropReason, String detail) {
      this.turn = turn;
      this.dropReason = dropReason;
      this.detail = detail;
    }

    static Result of(Turn turn) {
      return new Result(turn, null, "");
    }

    static Result drop(DropReason reason, String detail) {
      return new Result(null, reason, detail);
    }

    /** The turn, or null when dropped. */
    public Turn turn() {
      return turn;
    }

    /** The drop reason, or null when there is a turn. */
    public DropReason dropReason() {
      return dropReason;
    }

    /** What went wrong, for an operator; never message content. */
    public String detail() {
      return detail;
    }
  }

  /**
   * Parses an exchange.
   *
   * @param request the request body, already decoded
   * @param response the response body, already decoded (gzip is also recognised by its magic
   *     bytes); read to its end
   */
  public static Result parse(Provider provider, byte[] request, InputStream response) {
    try {
      return parseOrThrow(provider, request, response);
    } catch (RuntimeException | StackOverflowError e) {
      return Result.drop(DropReason.REDUCER_ERROR, "parser failure: " + e.getClass().getName());
    }
  }

  private static Result parseOrThrow(Provider provider, byte[] request, InputStream response) {
    JsonObject req;
    try {
      JsonValue doc = JsonReader.parse(request);
      req = doc.asObject();
      if (req == null) {
        return Result.drop(DropReason.REDUCER_ERROR, "request body is not a JSON object");
      }
    } catch (JsonException e) {
      return Result.drop(DropReason.REDUCER_ERROR, "request body is not JSON: " + e.getMessage());
    }

    List<dev.tapes.agent.dag.Message> messages;
    ReplyReducer reducer;
    switch (provider) {
      case OPENAI:
        if (Responses.isResponsesRequest(req)) {
          messages = Responses.requestMessages(req);
          reducer = new Responses.Reducer();
        } else {
          messages = ChatCompletions.requestMessages(req);
          reducer = new ChatCompletions.Reducer();
        }
        break;
      case ANTHROPIC:
        messages = Messages.requestMessages(req);
        reducer = new Messages.Reducer();
        break;
      case OLLAMA:
        messages = OllamaChat.requestMessages(req);
        reducer = new OllamaChat.Reducer();
        break;
      default:
        return Result.drop(DropReason.UNKNOWN_PROVIDER, "no parser for " + provider);
    }

    try {
      ResponseFraming.Format format =
          ResponseFraming.feed(BodyDecoding.decodeDetected(response), reducer);
      if (format == null) {
        return Result.drop(DropReason.EMPTY_RESPONSE, "response body is empty");
      }
    } catch (BodyDecoding.DecodeException e) {
      return Result.drop(DropReason.RESPONSE_DECODE, e.getMessage());
    } catch (JsonException e) {
      return Result.drop(DropReason.REDUCER_ERROR, "response body is not JSON: " + e.getMessage());
    } catch (IOException e) {
      return Result.drop(DropReason.CLIENT_DISCONNECT, "response body unreadable: " + e);
    }

    return Result.of(new Turn(provider, req.string("model"), messages, reducer.finish()));
  }
}
