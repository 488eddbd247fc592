package dev.tapes.agent.capture.jdk;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tapes.agent.bootstrap.Bridge;
import java.lang.instrument.Instrumentation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Instruments {@code java.net.http.HttpClient}. Every send, synchronous or not, goes through {@code
 * HttpClientImpl}'s four-argument {@code sendAsync}; its handler argument is replaced by a
 * capturing one. Request bodies are copied where any {@code BodyPublisher} is subscribed to.
 */
public final class JdkHttpClientInstrumentation {
  static final String CLIENT_IMPL = "jdk.internal.net.http.HttpClientImpl";
  static final String BODY_PUBLISHER = "java.net.http.HttpRequest$BodyPublisher";

  private JdkHttpClientInstrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder, Instrumentation inst) {
    return builder
        .type(named(CLIENT_IMPL))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advice.to(SendAdvice.class)
                        .on(
                            named("sendAsync")
                                .and(takesArguments(4))
                                .and(takesArgument(0, named("java.net.http.HttpRequest"))))))
        .assureReadEdgeTo(inst, Bridge.class)
        .type(
            hasSuperType(named(BODY_PUBLISHER)).and(not(isInterface())).and(not(isAbstract())),
            not(isBootstrapClassLoader()))
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advice.to(SubscribeAdvice.class)
                        .on(
                            named("subscribe")
                                .and(takesArguments(1))
                                .and(
                                    takesArgument(
                                        0, named("java.util.concurrent.Flow$Subscriber"))))))
        .assureReadEdgeTo(inst, Bridge.class);
  }

  /** Inlined into {@code HttpClientImpl.sendAsync}: swaps in the capturing handler. */
  static final class SendAdvice {
    private SendAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "UnusedAssignment"})
    static void enter(
        @Advice.Argument(0) HttpRequest request,
        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler handler) {
      handler = (HttpResponse.BodyHandler) Bridge.jdkSend(request, handler);
    }
  }

  /** Inlined into every {@code BodyPublisher.subscribe}: swaps in the copying subscriber. */
  static final class SubscribeAdvice {
    private SubscribeAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "UnusedAssignment"})
    static void enter(
        @Advice.This Object publisher,
        @Advice.Argument(value = 0, readOnly = false) Flow.Subscriber subscriber) {
      subscriber = (Flow.Subscriber) Bridge.jdkBodySubscribe(publisher, subscriber);
    }
  }
}
