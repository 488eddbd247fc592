package dev.tapes.agent.capture.apache;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The response body stream the application reads, copying each read into the recorder. It reads
 * only when the application does, so a stream reaches the application as it arrives. The end of the
 * stream completes the exchange; a failure or a close before the end cuts it short. Not final: a
 * client's own stream may have methods of its own that the copy must keep.
 */
public class CopyingInputStream extends InputStream {
  private final InputStream delegate;
  private final ExchangeRecorder recorder;

  public CopyingInputStream(InputStream delegate, ExchangeRecorder recorder) {
    this.delegate = delegate;
    this.recorder = recorder;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = delegate.read();
    } catch (IOException | RuntimeException | Error e) {
      recorder.cutShort();
      throw e;
    }
    if (b < 0) {
      recorder.completed();
    } else {
      copy(ByteBuffer.wrap(new byte[] {(byte) b}));
    }
    return b;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    int n;
    try {
      n = delegate.read(bytes, offset, length);
    } catch (IOException | RuntimeException | Error e) {
      recorder.cutShort();
      throw e;
    }
    if (n < 0) {
      recorder.completed();
    } else if (n > 0) {
      copy(ByteBuffer.wrap(bytes, offset, n));
    }
    return n;
  }

  /** Skipped bytes are part of the body too: they are read, and copied, rather than skipped. */
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return delegate.available();
  }

  @Override
  public void close() throws IOException {
    recorder.cutShort();
    delegate.close();
  }

  /** The application gave the stream up before its end, other than by closing it. */
  protected final void givenUp() {
    recorder.cutShort();
  }

  private void copy(ByteBuffer bytes) {
    try {
      recorder.responseBytes(bytes);
    } catch (RuntimeException ignored) {
      // A capture failure never reaches the application.
    }
  }
}
