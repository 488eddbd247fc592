package dev.tapes.agent.bootstrap;

/**
 * The one place instrumented code reaches the agent through. Lives on the bootstrap class path so
 * that classes of every loader, the JDK's own included, can call it; holds nothing but the
 * installed hooks.
 */
public final class Bridge {
  private static volatile HttpHooks hooks = HttpHooks.NONE;

  private Bridge() {}

  public static HttpHooks hooks() {
    return hooks;
  }

  /** Called once by the agent when it has started. */
  public static void install(HttpHooks installed) {
    hooks = installed;
  }

  /** See {@link HttpHooks#jdkSend}. */
  public static Object jdkSend(Object request, Object handler) {
    return hooks.jdkSend(request, handler);
  }

  /** See {@link HttpHooks#jdkRequestBody}. */
  public static Object jdkRequestBody(Object request, Object publisher) {
    return hooks.jdkRequestBody(request, publisher);
  }

  /** See {@link HttpHooks#jdkApplicationBody}. */
  public static Object jdkApplicationBody(Object publisher) {
    return hooks.jdkApplicationBody(publisher);
  }

  /** See {@link HttpHooks#jdkSent}. */
  public static void jdkSent(Object handler, Object future, Throwable thrown) {
    hooks.jdkSent(handler, future, thrown);
  }

  /** See {@link HttpHooks#okhttpInterceptor}. */
  public static Object okhttpInterceptor(Class<?> interceptorType) {
    return hooks.okhttpInterceptor(interceptorType);
  }

  /** See {@link HttpHooks#apacheClassicStart}. */
  public static Object apacheClassicStart(Class<?> client, Object target, Object request) {
    return hooks.apacheClassicStart(client, target, request);
  }

  /** See {@link HttpHooks#apacheClassicEnd}. */
  public static void apacheClassicEnd(Object exchange, Object response, Throwable thrown) {
    hooks.apacheClassicEnd(exchange, response, thrown);
  }

  /** See {@link HttpHooks#apacheResponseClosing}. */
  public static void apacheResponseClosing(Object entity) {
    hooks.apacheResponseClosing(entity);
  }

  /** See {@link HttpHooks#apacheAsyncStart}. */
  public static Object[] apacheAsyncStart(
      Class<?> client, Object target, Object producer, Object consumer) {
    return hooks.apacheAsyncStart(client, target, producer, consumer);
  }
}
