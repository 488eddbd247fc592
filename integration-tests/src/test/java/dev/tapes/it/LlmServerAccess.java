package dev.tapes.it;

/** Lets harnesses outside this package drive an {@link LlmServer}. */
public final class LlmServerAccess {
  private LlmServerAccess() {}

  public static AutoCloseable start() throws java.io.IOException {
    return new LlmServer();
  }

  public static String baseUrl(AutoCloseable server) {
    return ((LlmServer) server).baseUrl();
  }

  /** Queues one short chat reply. */
  public static void enqueueReply(AutoCloseable server) {
    ((LlmServer) server)
        .enqueue(
            LlmServer.Reply.json(
                "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}"));
  }
}
