package dev.tapes.agent.capture.okhttp.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/**
 * The response body the application gets: OkHttp's, read through a {@link TeeSource} that copies
 * what the application reads, when it reads it. Closing it before the end records the exchange as
 * cut short.
 */
final class TeeResponseBody extends ResponseBody {
  private final ResponseBody delegate;
  private final ExchangeRecorder recorder;
  private BufferedSource source;

  TeeResponseBody(ResponseBody delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public BufferedSource source() {
    if (source == null) {
      source = Okio.buffer(new TeeSource(delegate.source(), recorder));
    }
    return source;
  }

  @Override
  public void close() {
    recorder.cutShort();
    if (source != null) {
      try {
        source.close();
      } catch (IOException ignored) {
        // OkHttp's own body closes quietly too.
      }
    }
    delegate.close();
  }
}
