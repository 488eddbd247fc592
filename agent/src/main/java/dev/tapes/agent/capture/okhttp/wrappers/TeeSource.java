package dev.tapes.agent.capture.okhttp.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import java.io.OutputStream;
import okio.Buffer;
import okio.Source;
import okio.Timeout;

/**
 * Reads OkHttp's response source for the application, copying each read into the recorder. It reads
 * only when the application does, so a stream reaches the application as it arrives. The end of the
 * body completes the exchange; a failure or an early close cuts it short.
 */
final class TeeSource implements Source {
  private final Source delegate;
  private final ExchangeRecorder recorder;
  private final OutputStream copy;

  TeeSource(Source delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
    this.copy = new RecorderStream(recorder, true);
  }

  @Override
  public long read(Buffer sink, long byteCount) throws IOException {
    long read;
    try {
      read = delegate.read(sink, byteCount);
    } catch (IOException | RuntimeException | Error e) {
      recorder.cutShort();
      throw e;
    }

    if (read < 0) {
      recorder.completed();
    } else if (read > 0) {
      try {
        sink.copyTo(copy, sink.size() - read, read);
      } catch (IOException | RuntimeException ignored) {
        // A capture failure never reaches the application.
      }
    }
    return read;
  }

  @Override
  public Timeout timeout() {
    return delegate.timeout();
  }

  @Override
  public void close() throws IOException {
    recorder.cutShort();
    delegate.close();
  }
}
