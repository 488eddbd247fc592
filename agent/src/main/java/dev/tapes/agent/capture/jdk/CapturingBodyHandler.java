package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Wraps the application's handler: same subscriber behaviour, with the body copied on the way. */
final class CapturingBodyHandler<T> implements HttpResponse.BodyHandler<T> {
  private final HttpRequest request;
  private final HttpResponse.BodyHandler<T> delegate;
  private final ExchangeRecorder recorder;
  private final ResponseTees tees;

  @SuppressWarnings("unchecked")
  CapturingBodyHandler(
      HttpRequest request,
      HttpResponse.BodyHandler<?> delegate,
      ExchangeRecorder recorder,
      ResponseTees tees) {
    this.request = request;
    this.delegate = (HttpResponse.BodyHandler<T>) delegate;
    this.recorder = recorder;
    this.tees = tees;
  }

  /** The application's request this handler reads the response of. */
  HttpRequest request() {
    return request;
  }

  ExchangeRecorder recorder() {
    return recorder;
  }

  @Override
  public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
    recorder.responseStarted(
        info.statusCode(), info.headers().firstValue("Content-Encoding").orElse(null));
    HttpResponse.BodySubscriber<T> subscriber = delegate.apply(info);
    return tees.tee(subscriber, recorder);
  }
}
