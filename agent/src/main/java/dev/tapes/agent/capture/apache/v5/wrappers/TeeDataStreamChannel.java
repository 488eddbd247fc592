package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/** Passes every write on to the client's channel, copying the bytes the channel took. */
final class TeeDataStreamChannel implements DataStreamChannel {
  private final DataStreamChannel delegate;
  private final ExchangeRecorder recorder;

  TeeDataStreamChannel(DataStreamChannel delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public void requestOutput() {
    delegate.requestOutput();
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ByteBuffer before = src.duplicate();
    int written = delegate.write(src);
    if (written > 0) {
      try {
        before.limit(before.position() + written);
        recorder.requestBytes(before);
      } catch (RuntimeException ignored) {
        // A capture failure never reaches the application.
      }
    }
    return written;
  }

  @Override
  public void endStream() throws IOException {
    delegate.endStream();
  }

  @Override
  public void endStream(List<? extends Header> trailers) throws IOException {
    delegate.endStream(trailers);
  }
}
