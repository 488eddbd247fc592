package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.bootstrap.HttpHooks;
import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.pipeline.Endpoints;
import dev.tapes.agent.pipeline.Pipeline;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Flow;

/**
 * Captures exchanges of {@code java.net.http.HttpClient}: the response through a wrapped {@code
 * BodyHandler}, the request body through a tee on the subscription the client makes to its {@code
 * BodyPublisher}. Calls to other URLs cost one string check.
 */
public final class JdkHttpHooks implements HttpHooks {
  private final Pipeline pipeline;
  private final Endpoints endpoints;
  private final long budget;
  private final ResponseTees tees;

  /**
   * Request publishers of exchanges being captured. Weak keys: an entry lives only as long as the
   * application keeps its publisher; nothing here outlives an abandoned call.
   */
  private final Map<Object, ExchangeRecorder> publishers =
      Collections.synchronizedMap(new WeakHashMap<>());

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
    request.bodyPublisher().ifPresent(p -> publishers.put(p, recorder));
    return new CapturingBodyHandler<>((HttpResponse.BodyHandler<?>) handlerObject, recorder, tees);
  }

  @Override
  public Object jdkBodySubscribe(Object publisher, Object subscriber) {
    if (!(subscriber instanceof Flow.Subscriber)) {
      return subscriber;
    }
    ExchangeRecorder recorder = publishers.get(publisher);
    if (recorder == null) {
      return subscriber;
    }
    @SuppressWarnings("unchecked")
    Flow.Subscriber<? super ByteBuffer> s = (Flow.Subscriber<? super ByteBuffer>) subscriber;
    return new RequestBodyTee(s, recorder);
  }
}
