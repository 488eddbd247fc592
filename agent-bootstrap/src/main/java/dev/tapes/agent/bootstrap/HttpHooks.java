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
   * The JDK client has made its own copy ({@code HttpRequestImpl}) of {@code request}, the
   * application's request, during the send that {@link #jdkSend} began on this thread; {@code
   * publisher} is that copy's body publisher ({@code BodyPublisher}), or null.
   *
   * @return the publisher the copy is to send from instead, or {@code publisher} itself
   */
  default Object jdkRequestBody(Object request, Object publisher) {
    return publisher;
  }

  /**
   * The client's copy of a request is asked for its body publisher, which is {@code publisher}.
   *
   * @return the application's own publisher, which {@link #jdkRequestBody} may have replaced
   */
  default Object jdkApplicationBody(Object publisher) {
    return publisher;
  }

  /**
   * The send that {@link #jdkSend} began on this thread has returned {@code future} ({@code
   * CompletableFuture}), or thrown {@code thrown}; {@code handler} is the handler it used.
   */
  default void jdkSent(Object handler, Object future, Throwable thrown) {}

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
