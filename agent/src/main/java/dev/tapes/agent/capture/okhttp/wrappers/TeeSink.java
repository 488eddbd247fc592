package dev.tapes.agent.capture.okhttp.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import java.io.OutputStream;
import okio.Buffer;
import okio.Sink;
import okio.Timeout;

/** Passes every write on to OkHttp's sink, copying the bytes into the request's recorder first. */
final class TeeSink implements Sink {
  private final Sink delegate;
  private final OutputStream copy;
  private boolean closed;

  TeeSink(Sink delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.copy = new RecorderStream(recorder, false);
  }

  @Override
  public void write(Buffer source, long byteCount) throws IOException {
    try {
      source.copyTo(copy, 0, Math.min(byteCount, source.size()));
    } catch (IOException | RuntimeException ignored) {
      // A capture failure never reaches the application.
    }
    delegate.write(source, byteCount);
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public Timeout timeout() {
    return delegate.timeout();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    delegate.close();
  }

  boolean closed() {
    return closed;
  }
}
