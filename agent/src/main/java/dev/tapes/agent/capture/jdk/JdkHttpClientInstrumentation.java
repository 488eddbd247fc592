package dev.tapes.agent.capture.jdk;

import static net.bytebuddy.matcher.ElementMatchers.fieldType;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tapes.agent.bootstrap.Bridge;
import java.lang.instrument.Instrumentation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instruments {@code java.net.http.HttpClient}. Every send, synchronous or not, goes through {@code
 * HttpClientImpl}'s four-argument {@code sendAsync}; its handler argument is replaced by a
 * capturing one. That method first copies the application's request into an {@code
 * HttpRequestImpl}, on the same thread, and the client sends the copy's body publisher: the copy
 * made for a captured send gets a copying publisher, while asking the copy for its publisher still
 * gives the application's. Only these two JDK classes are matched, by name, so that the classes an
 * application loads cost the agent a name comparison each, never a read of their class files.
 */
public final class JdkHttpClientInstrumentation {
  private static final Logger log = LoggerFactory.getLogger(JdkHttpClientInstrumentation.class);

  static final String CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";
  static final String REQUEST_IMPL = "jdk.internal.net.http.HttpRequestImpl";
  static final String HTTP_REQUEST = "java.net.http.HttpRequest";
  static final String BODY_PUBLISHER = "java.net.http.HttpRequest$BodyPublisher";
  static final String PUBLISHER_FIELD = "requestPublisher";

  private JdkHttpClientInstrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder, Instrumentation inst) {
    return builder
        .type(named(CLIENT_IMPL))
        .transform(
            (b, type, loader, module, domain) -> {
              String missing =
                  missing(type, TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader)));
              if (missing != null) {
                log.warn(
                    "java.net.http of this JDK has no "
                        + missing
                        + ": calls through java.net.http.HttpClient are not recorded");
                return b;
              }
              return b.visit(Advice.to(SendAdvice.class).on(sendAsync()));
            })
        .assureReadEdgeTo(inst, Bridge.class)
        .type(named(REQUEST_IMPL))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advice.to(CopyAdvice.class).on(copyConstructor()))
                    .visit(
                        Advice.to(BodyPublisherAdvice.class)
                            .on(named("bodyPublisher").and(takesArguments(0)))))
        .assureReadEdgeTo(inst, Bridge.class);
  }

  private static ElementMatcher<MethodDescription> sendAsync() {
    return named("sendAsync").and(takesArguments(4)).and(takesArgument(0, named(HTTP_REQUEST)));
  }

  private static ElementMatcher<MethodDescription> copyConstructor() {
    return isConstructor().and(takesArguments(2)).and(takesArgument(0, named(HTTP_REQUEST)));
  }

  /**
   * What the capture needs of the JDK client and {@code client} lacks, or null: the four-argument
   * {@code sendAsync}, and in the request class beside it the copying constructor and the body
   * publisher field. A JDK that lacks any of them is left alone, requests and responses both.
   */
  static String missing(TypeDescription client, TypePool pool) {
    if (client.getDeclaredMethods().filter(sendAsync()).isEmpty()) {
      return CLIENT_IMPL + ".sendAsync(HttpRequest, BodyHandler, PushPromiseHandler, Executor)";
    }
    TypePool.Resolution resolution = pool.describe(REQUEST_IMPL);
    if (!resolution.isResolved()) {
      return REQUEST_IMPL;
    }
    TypeDescription request = resolution.resolve();
    if (request.getDeclaredMethods().filter(copyConstructor()).isEmpty()) {
      return REQUEST_IMPL + "(HttpRequest, ProxySelector)";
    }
    if (request
        .getDeclaredFields()
        .filter(named(PUBLISHER_FIELD).and(fieldType(named(BODY_PUBLISHER))))
        .isEmpty()) {
      return REQUEST_IMPL + "." + PUBLISHER_FIELD;
    }
    return null;
  }

  /**
   * Inlined into {@code HttpClientImpl.sendAsync}: swaps in the capturing handler, and on the way
   * out reports how the send began.
   */
  static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "UnusedAssignment"})
    static void enter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler handler) {
      handler = (HttpResponse.BodyHandler) Bridge.jdkSend(request, handler);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    @SuppressWarnings("rawtypes")
    static void exit(
        @Advice.Argument(1) HttpResponse.BodyHandler handler,
        @Advice.Return Object future,
        @Advice.Thrown Throwable thrown) {
      Bridge.jdkSent(handler, future, thrown);
    }
  }

  /** Inlined at the end of {@code HttpRequestImpl(HttpRequest, ProxySelector)}. */
  static final class CopyAdvice {
    private CopyAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings("UnusedAssignment")
    static void exit(
        @Advice.Argument(0) HttpRequest request,
        @Advice.FieldValue(value = PUBLISHER_FIELD, readOnly = false)
            HttpRequest.BodyPublisher publisher) {
      publisher = (HttpRequest.BodyPublisher) Bridge.jdkRequestBody(request, publisher);
    }
  }

  /** Inlined into {@code HttpRequestImpl.bodyPublisher()}: the application's publisher, always. */
  static final class BodyPublisherAdvice {
    private BodyPublisherAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked", "UnusedAssignment"})
    static void exit(
        @Advice.FieldValue(PUBLISHER_FIELD) Object publisher,
        @Advice.Return(readOnly = false) Optional result) {
      Object application = Bridge.jdkApplicationBody(publisher);
      if (application != publisher) {
        result = Optional.of(application);
      }
    }
  }
}
