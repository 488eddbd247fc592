package dev.tapes.agent.capture.apache.v4.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.apache.CopyingOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.entity.HttpEntityWrapper;

/**
 * The application's request body, copied as the client writes it. Every write starts the copy
 * afresh, as the client writes the body again when it retries.
 */
final class TeeRequestEntity extends HttpEntityWrapper {
  private final ExchangeRecorder recorder;

  TeeRequestEntity(HttpEntity body, ExchangeRecorder recorder) {
    super(body);
    this.recorder = recorder;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    recorder.requestStarted();
    super.writeTo(new CopyingOutputStream(out, recorder, false));
  }
}
