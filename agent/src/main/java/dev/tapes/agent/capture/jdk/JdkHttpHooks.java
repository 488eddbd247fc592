package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.bootstrap.HttpHooks;
import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.pipeline.Endpoints;
import dev.tapes.agent.pipeline.Pipeline;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Captures exchanges of {@code java.net.http.HttpClient}: the response through a wrapped {@code
 * BodyHandler}, the request body through a copying publisher put in place of the application's in
 * the client's own copy of the request, never in the application's. Calls to other URLs cost one
 * string check.
 */
public final class JdkHttpHooks implements HttpHooks {
  private final Pipeline pipeline;
  private final Endpoints endpoints;
  private final long budget;
  private final ResponseTees tees;

  /**
   * The handler of the send under way on this thread, from its start until the client has copied
   * its request, which it does on the same thread before anything else can happen to the send.
   */
  private final ThreadLocal<CapturingBodyHandler<?>> sending = new ThreadLocal<>();

  public JdkHttpHooks(Pipeline pipeline, Endpoints endpoints, long budget, ResponseTees tees) {
    this.pipeline = pipeline;
    this.endpoints = endpoints;
    this.budget = budget;
    this.tees = tees;
  }

  @Override
  public Object jdkSend(Object requestObject, Object handlerObject) {
    if (!(requestObject instanceof HttpRequest)
        || !(handlerObject instanceof HttpResponse.BodyHandler)) {
      return handlerObject;
    }
    HttpRequest request = (HttpRequest) requestObject;
    Provider provider = endpoints.providerFor(request.uri().toString());
    if (provider == null) {
      return handlerObject;
    }
    ExchangeRecorder recorder =
        new ExchangeRecorder(
            pipeline,
            provider,
            request.method(),
            request.headers().firstValue("Content-Encoding").orElse(null),
            budget);
    CapturingBodyHandler<?> handler =
        new CapturingBodyHandler<>(
            request, (HttpResponse.BodyHandler<?>) handlerObject, recorder, tees);
    sending.set(handler);
    return handler;
  }

  @Override
  public Object jdkRequestBody(Object request, Object publisher) {
    CapturingBodyHandler<?> handler = sending.get();
    if (handler == null
        || handler.request() != request
        || !(publisher instanceof HttpRequest.BodyPublisher)) {
      return publisher;
    }
    sending.remove();
    return new CopyingBodyPublisher((HttpRequest.BodyPublisher) publisher, handler.recorder());
  }

  @Override
  public Object jdkApplicationBody(Object publisher) {
    return publisher instanceof CopyingBodyPublisher
        ? ((CopyingBodyPublisher) publisher).applicationPublisher()
        : publisher;
  }

  /**
   * A send that failed before any response (it threw, or its future failed: the connection was
   * refused, say) ends its capture there, as an exchange cut short with nothing received.
   */
  @Override
  public void jdkSent(Object handler, Object future, Throwable thrown) {
    sending.remove();
    if (!(handler instanceof CapturingBodyHandler)) {
      return;
    }
    ExchangeRecorder recorder = ((CapturingBodyHandler<?>) handler).recorder();
    if (thrown != null) {
      recorder.cutShort();
    } else if (future instanceof CompletableFuture) {
      ((CompletableFuture<?>) future)
          .whenComplete(
              (response, failure) -> {
                if (failure != null) {
                  recorder.cutShort();
                }
              });
    }
  }
}
