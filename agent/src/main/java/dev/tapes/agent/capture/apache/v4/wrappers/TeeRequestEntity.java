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
  private final HttpEntity body;
  private final ExchangeRecorder recorder;

  TeeRequestEntity(HttpEntity body, ExchangeRecorder recorder) {
    super(body);
    this.body = body;
    this.recorder = recorder;
  }

  /**
   * The application's own body: an {@code execute} that starts while another of the same request
   * object is still running finds this copy there, and copies (and gives back) the original.
   */
  static HttpEntity original(HttpEntity entity) {
    return entity instanceof TeeRequestEntity ? ((TeeRequestEntity) entity).body : entity;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    recorder.requestStarted();
    super.writeTo(new CopyingOutputStream(out, recorder, false));
  }
}
