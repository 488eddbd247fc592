package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/** Copies the request body as the client pulls it from the application's publisher. */
final class RequestBodyTee implements Flow.Subscriber<ByteBuffer> {
  private final Flow.Subscriber<? super ByteBuffer> delegate;
  private final ExchangeRecorder recorder;

  RequestBodyTee(Flow.Subscriber<? super ByteBuffer> delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    recorder.requestStarted();
    delegate.onSubscribe(subscription);
  }

  @Override
  public void onNext(ByteBuffer item) {
    try {
      recorder.requestBytes(item);
    } catch (RuntimeException ignored) {
      // A capture failure never reaches the application.
    }
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    delegate.onComplete();
  }
}
