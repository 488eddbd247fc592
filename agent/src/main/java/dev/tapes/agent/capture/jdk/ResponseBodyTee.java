package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Forwards every signal to the application's subscriber unchanged, copying each buffer first, and
 * ends the capture on completion, error or cancellation (closing an {@code InputStream} body
 * cancels its subscription). Not final: {@link ResponseTees} makes the subclass the JDK trusts.
 */
class ResponseBodyTee<T> implements HttpResponse.BodySubscriber<T> {
  private final HttpResponse.BodySubscriber<T> delegate;
  private final ExchangeRecorder recorder;
  private final boolean needsExecutor;

  ResponseBodyTee(
      HttpResponse.BodySubscriber<T> delegate, ExchangeRecorder recorder, boolean needsExecutor) {
    this.delegate = delegate;
    this.recorder = recorder;
    this.needsExecutor = needsExecutor;
  }

  /**
   * For the trusted subclass: whether the client must call {@link #getBody} on its executor, as the
   * application's own subscriber would have it.
   */
  public boolean needsExecutor() {
    return needsExecutor;
  }

  @Override
  public CompletionStage<T> getBody() {
    return delegate.getBody();
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    delegate.onSubscribe(
        new Flow.Subscription() {
          @Override
          public void request(long n) {
            subscription.request(n);
          }

          @Override
          public void cancel() {
            recorder.cutShort();
            subscription.cancel();
          }
        });
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    try {
      for (ByteBuffer b : items) {
        recorder.responseBytes(b);
      }
    } catch (RuntimeException ignored) {
      // A capture failure never reaches the application.
    }
    delegate.onNext(items);
  }

  @Override
  public void onError(Throwable throwable) {
    recorder.cutShort();
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    recorder.completed();
    delegate.onComplete();
  }
}
