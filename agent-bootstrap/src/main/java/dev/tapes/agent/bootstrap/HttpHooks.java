package dev.tapes.agent.bootstrap;

/**
 * What instrumented HTTP clients call, implemented by the agent and installed in {@link Bridge}.
 * Only {@code java.base} types cross this boundary: the bootstrap class path cannot see the
 * clients' own types, and the clients cannot see the agent's.
 *
 * <p>Every method must return quickly and never throw; the instrumentation also suppresses anything
 * thrown, so a failure here can only lose a capture.
 */
public interface HttpHooks {
  /** Installed until the agent has started, and when it is disabled: captures nothing. */
  HttpHooks NONE = new HttpHooks() {};

  /**
   * The JDK client is about to send {@code request} ({@code java.net.http.HttpRequest}) and read
   * the response with {@code handler} ({@code BodyHandler}).
   *
   * @return the handler to use instead, or {@code handler} itself when the call is not captured
   */
  default Object jdkSend(Object request, Object handler) {
    return handler;
  }

  /**
   * A JDK-client request body {@code publisher} ({@code BodyPublisher}) is being subscribed to by
   * {@code subscriber} ({@code Flow.Subscriber}).
   *
   * @return the subscriber to use instead, or {@code subscriber} itself
   */
  default Object jdkBodySubscribe(Object publisher, Object subscriber) {
    return subscriber;
  }

  /**
   * An {@code OkHttpClient} is being built. {@code interceptorType} is the {@code
   * okhttp3.Interceptor} interface of the OkHttp that builds it (its class loader is OkHttp's).
   *
   * @return the application interceptor that captures this OkHttp's calls, the same instance for
   *     every client of that OkHttp, or null when its calls are not captured
   */
  default Object okhttpInterceptor(Class<?> interceptorType) {
    return null;
  }

  /**
   * The outermost Apache HttpClient classic {@code execute} on this thread is starting. {@code
   * client} is the library's public client class ({@code CloseableHttpClient}), naming its class
   * loader; {@code target} the {@code HttpHost}, or null; {@code request} the request.
   *
   * @return the exchange being captured, to hand to {@link #apacheClassicEnd}, or null when the
   *     call is not captured
   */
  default Object apacheClassicStart(Class<?> client, Object target, Object request) {
    return null;
  }

  /**
   * The classic {@code execute} whose capture {@link #apacheClassicStart} returned has returned
   * {@code response}, or thrown {@code thrown}.
   */
  default void apacheClassicEnd(Object exchange, Object response, Throwable thrown) {}

  /** An Apache HttpClient 4 response whose entity is {@code entity} is being closed. */
  default void apacheResponseClosing(Object entity) {}

  /**
   * The outermost Apache HttpClient 5 async {@code execute} on this thread is starting. {@code
   * client} is the library's {@code CloseableHttpAsyncClient} class.
   *
   * @return the request producer and response consumer to use instead, or null when the call is not
   *     captured
   */
  default Object[] apacheAsyncStart(
      Class<?> client, Object target, Object producer, Object consumer) {
    return null;
  }
}
