package dev.tapes.agent.capture.apache.v4.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.apache.CopyingInputStream;
import dev.tapes.agent.capture.apache.CopyingOutputStream;
import dev.tapes.agent.capture.apache.ResponseCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.conn.ConnectionReleaseTrigger;
import org.apache.http.entity.HttpEntityWrapper;

/**
 * The response body the application gets: HttpClient's, copied as the application reads its content
 * stream or has it written out. The end of the body completes the exchange; closing the stream or
 * the response before the end cuts it short.
 */
final class TeeResponseEntity extends HttpEntityWrapper implements ResponseCopy {
  private final ExchangeRecorder recorder;

  TeeResponseEntity(HttpEntity body, ExchangeRecorder recorder) {
    super(body);
    this.recorder = recorder;
  }

  @Override
  public InputStream getContent() throws IOException {
    InputStream content = super.getContent();
    if (content instanceof ConnectionReleaseTrigger) {
      return new ReleasableCopyingInputStream(content, recorder);
    }
    return content == null ? null : new CopyingInputStream(content, recorder);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try {
      super.writeTo(new CopyingOutputStream(out, recorder, true));
    } catch (IOException | RuntimeException | Error e) {
      recorder.cutShort();
      throw e;
    }
    recorder.completed();
  }

  @Override
  public void responseClosed() {
    recorder.cutShort();
  }
}
