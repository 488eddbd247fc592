package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The application's response consumer, given every signal unchanged, with each buffer copied before
 * it is handed on (from a duplicate, so the consumer sees the buffer as it was). The end of the
 * stream completes the exchange; a failure, or resources released before the end, cut it short.
 */
final class TeeResponseConsumer<T> implements AsyncResponseConsumer<T> {
  private final AsyncResponseConsumer<T> delegate;
  private final AsyncExchange exchange;

  @SuppressWarnings("unchecked")
  TeeResponseConsumer(AsyncResponseConsumer<?> delegate, AsyncExchange exchange) {
    this.delegate = (AsyncResponseConsumer<T>) delegate;
    this.exchange = exchange;
  }

  @Override
  public void consumeResponse(
      HttpResponse response,
      EntityDetails entityDetails,
      HttpContext context,
      FutureCallback<T> resultCallback)
      throws HttpException, IOException {
    ExchangeRecorder recorder = exchange.recorder();
    if (recorder != null) {
      // The details say what the consumer is given: no encoding once HttpClient decodes the body.
      recorder.responseStarted(
          response.getCode(), entityDetails == null ? null : entityDetails.getContentEncoding());
      if (entityDetails == null) {
        recorder.completed();
      }
    }
    delegate.consumeResponse(response, entityDetails, context, resultCallback);
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context)
      throws HttpException, IOException {
    delegate.informationResponse(response, context);
  }

  @Override
  public void failed(Exception cause) {
    cutShort();
    delegate.failed(cause);
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    delegate.updateCapacity(capacityChannel);
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    ExchangeRecorder recorder = exchange.recorder();
    if (recorder != null) {
      try {
        recorder.responseBytes(src);
      } catch (RuntimeException ignored) {
        // A capture failure never reaches the application.
      }
    }
    delegate.consume(src);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    ExchangeRecorder recorder = exchange.recorder();
    if (recorder != null) {
      recorder.completed();
    }
    delegate.streamEnd(trailers);
  }

  @Override
  public void releaseResources() {
    cutShort();
    delegate.releaseResources();
  }

  private void cutShort() {
    ExchangeRecorder recorder = exchange.recorder();
    if (recorder != null) {
      recorder.cutShort();
    }
  }
}
