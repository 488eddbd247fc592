package dev.tapes.agent.capture.apache.v5;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tapes.agent.bootstrap.Bridge;
import dev.tapes.agent.bootstrap.CallDepth;
import dev.tapes.agent.capture.apache.ApacheFamily;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Instruments Apache HttpClient 5, classic and async. Every classic {@code execute} overload, those
 * taking a {@code HttpClientResponseHandler} included, ends in one {@code doExecute} of the client
 * built: its request body is copied as the client writes it, and the response it returns is given a
 * body copied as the application reads it (closing the response closes that body). Every async
 * {@code execute} ends in one {@code doExecute} too, whose request producer and response consumer
 * are wrapped so that each buffer is copied as it passes.
 */
public final class ApacheClient5Instrumentation {
  static final String[] CLASSIC_CLIENTS = {
    "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
    "org.apache.hc.client5.http.impl.classic.MinimalHttpClient"
  };

  static final String[] ASYNC_CLIENTS = {
    "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient",
    "org.apache.hc.client5.http.impl.async.AbstractMinimalHttpAsyncClientBase"
  };

  private ApacheClient5Instrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder, Instrumentation inst) {
    return builder
        .type(namedOneOf(CLASSIC_CLIENTS))
        .transform(
            (b, type, loader, module, domain) ->
                loader != null && ApacheFamily.CLASSIC_5.understood(loader, ClassicAdvice.class)
                    ? b.visit(
                        Advice.to(ClassicAdvice.class)
                            .on(named("doExecute").and(takesArguments(3)).and(not(isAbstract()))))
                    : b)
        .assureReadEdgeTo(inst, Bridge.class)
        .type(namedOneOf(ASYNC_CLIENTS))
        .transform(
            (b, type, loader, module, domain) ->
                loader != null && ApacheFamily.ASYNC_5.understood(loader, AsyncAdvice.class)
                    ? b.visit(
                        Advice.to(AsyncAdvice.class)
                            .on(named("doExecute").and(takesArguments(6)).and(not(isAbstract()))))
                    : b)
        .assureReadEdgeTo(inst, Bridge.class);
  }

  /** Inlined into classic {@code doExecute}: captures the outermost call, ends it on return. */
  static final class ClassicAdvice {
    private ClassicAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(0) Object target, @Advice.Argument(1) Object request) {
      if (CallDepth.enter() > 0) {
        return null;
      }
      return Bridge.apacheClassicStart(
          org.apache.hc.client5.http.impl.classic.CloseableHttpClient.class, target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Enter Object exchange,
        @Advice.Return Object response,
        @Advice.Thrown Throwable thrown) {
      CallDepth.exit();
      if (exchange != null) {
        Bridge.apacheClassicEnd(exchange, response, thrown);
      }
    }
  }

  /** Inlined into async {@code doExecute}: swaps in the copying producer and consumer. */
  static final class AsyncAdvice {
    private AsyncAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("UnusedAssignment")
    static void enter(
        @Advice.Argument(0) Object target,
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object producer,
        @Advice.Argument(value = 2, readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object consumer) {
      if (CallDepth.enter() > 0) {
        return;
      }
      Object[] copying =
          Bridge.apacheAsyncStart(
              org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient.class,
              target,
              producer,
              consumer);
      if (copying != null) {
        producer = copying[0];
        consumer = copying[1];
      }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
      CallDepth.exit();
    }
  }
}
