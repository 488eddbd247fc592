package dev.tapes.agent.capture.apache.v4;

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

/**
 * Instruments Apache HttpClient 4.5 classic. Every {@code execute} overload of {@code
 * CloseableHttpClient}, those taking a {@code ResponseHandler} included, ends in one {@code
 * doExecute} of the client built: its request body is copied as the client writes it, and the
 * response it returns is given a body copied as the application (or its handler) reads it. Closing
 * a response before its body was read to the end cuts the exchange short.
 */
public final class ApacheClient4Instrumentation {
  /** The clients behind {@code HttpClients}, {@code HttpClientBuilder} and the older clients. */
  static final String[] CLIENTS = {
    "org.apache.http.impl.client.InternalHttpClient",
    "org.apache.http.impl.client.MinimalHttpClient",
    "org.apache.http.impl.client.AbstractHttpClient"
  };

  /** The response {@code execute} returns, whose {@code close()} leaves the entity unread. */
  static final String RESPONSE = "org.apache.http.impl.execchain.HttpResponseProxy";

  private ApacheClient4Instrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder, Instrumentation inst) {
    return builder
        .type(namedOneOf(CLIENTS))
        .transform(
            (b, type, loader, module, domain) ->
                understood(loader)
                    ? b.visit(
                        Advice.to(ExecuteAdvice.class)
                            .on(named("doExecute").and(takesArguments(3)).and(not(isAbstract()))))
                    : b)
        .assureReadEdgeTo(inst, Bridge.class)
        .type(named(RESPONSE))
        .transform(
            (b, type, loader, module, domain) ->
                understood(loader)
                    ? b.visit(
                        Advice.to(CloseAdvice.class).on(named("close").and(takesArguments(0))))
                    : b)
        .assureReadEdgeTo(inst, Bridge.class);
  }

  private static boolean understood(ClassLoader loader) {
    return loader != null
        && ApacheFamily.CLASSIC_4.understood(loader, ExecuteAdvice.class, CloseAdvice.class);
  }

  /**
   * Inlined into {@code doExecute}: starts the capture at the outermost call, ends it on return.
   */
  static final class ExecuteAdvice {
    private ExecuteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(0) Object target, @Advice.Argument(1) Object request) {
      if (CallDepth.enter() > 0) {
        return null;
      }
      return Bridge.apacheClassicStart(
          org.apache.http.impl.client.CloseableHttpClient.class, target, request);
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

  /** Inlined into the response's {@code close()}: an unread rest of the body is not copied. */
  static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object response) {
      Bridge.apacheResponseClosing(((org.apache.http.HttpResponse) response).getEntity());
    }
  }
}
