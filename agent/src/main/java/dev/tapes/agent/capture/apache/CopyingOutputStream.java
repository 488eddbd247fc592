package dev.tapes.agent.capture.apache;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A stream a body is written to: passes every write on to the stream it was given and copies what
 * that stream accepted into the recorder, as the request body or the response body.
 */
public final class CopyingOutputStream extends OutputStream {
  private final OutputStream delegate;
  private final ExchangeRecorder recorder;
  private final boolean response;

  public CopyingOutputStream(OutputStream delegate, ExchangeRecorder recorder, boolean response) {
    this.delegate = delegate;
    this.recorder = recorder;
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    delegate.write(b);
    copy(ByteBuffer.wrap(new byte[] {(byte) b}));
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    delegate.write(bytes, offset, length);
    copy(ByteBuffer.wrap(bytes, offset, length));
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  private void copy(ByteBuffer bytes) {
    try {
      if (response) {
        recorder.responseBytes(bytes);
      } else {
        recorder.requestBytes(bytes);
      }
    } catch (RuntimeException ignored) {
      // A capture failure never reaches the application.
    }
  }
}
