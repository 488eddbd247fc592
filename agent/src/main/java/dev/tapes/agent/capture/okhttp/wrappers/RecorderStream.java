package dev.tapes.agent.capture.okhttp.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Writes into a recorder's request or response copy, so that Okio buffers copy straight in. */
final class RecorderStream extends OutputStream {
  private final ExchangeRecorder recorder;
  private final boolean response;

  RecorderStream(ExchangeRecorder recorder, boolean response) {
    this.recorder = recorder;
    this.response = response;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    if (response) {
      recorder.responseBytes(buffer);
    } else {
      recorder.requestBytes(buffer);
    }
  }
}
