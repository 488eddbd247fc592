package dev.tapes.agent.capture.okhttp.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;

/**
 * The application's request body, copied as OkHttp writes it to the connection. Every write starts
 * the copy afresh, as OkHttp rewrites the body when it retries on another connection.
 */
final class TeeRequestBody extends RequestBody {
  private final RequestBody delegate;
  private final ExchangeRecorder recorder;

  TeeRequestBody(RequestBody delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() throws IOException {
    return delegate.contentLength();
  }

  @Override
  public boolean isDuplex() {
    return delegate.isDuplex();
  }

  @Override
  public boolean isOneShot() {
    return delegate.isOneShot();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    recorder.requestStarted();
    if (sink instanceof Buffer) {
      // A network interceptor reading the body into memory (a logging one, say): the body writes
      // to that very buffer, as without the agent, and what it appended is copied afterwards.
      Buffer buffer = (Buffer) sink;
      long before = buffer.size();
      delegate.writeTo(sink);
      try {
        if (buffer.size() > before) {
          buffer.copyTo(new RecorderStream(recorder, false), before, buffer.size() - before);
        }
      } catch (IOException | RuntimeException ignored) {
        // A capture failure never reaches the application.
      }
      return;
    }
    TeeSink tee = new TeeSink(sink, recorder);
    BufferedSink teeBuffer = Okio.buffer(tee);
    delegate.writeTo(teeBuffer);

    // What the body left in the tee's buffer goes on to OkHttp's sink, which OkHttp flushes itself.
    if (!tee.closed()) {
      teeBuffer.emit();
    }
  }
}
