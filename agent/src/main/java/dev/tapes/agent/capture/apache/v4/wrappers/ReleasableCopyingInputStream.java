package dev.tapes.agent.capture.apache.v4.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.apache.CopyingInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.http.conn.ConnectionReleaseTrigger;

/**
 * The copy of HttpClient's own content stream, which lets the application release or abort the
 * connection through it: an application giving up on a stream aborts the connection this way rather
 * than have {@code close} read the rest of the body.
 */
final class ReleasableCopyingInputStream extends CopyingInputStream
    implements ConnectionReleaseTrigger {
  private final ConnectionReleaseTrigger trigger;

  ReleasableCopyingInputStream(InputStream content, ExchangeRecorder recorder) {
    super(content, recorder);
    this.trigger = (ConnectionReleaseTrigger) content;
  }

  @Override
  public void releaseConnection() throws IOException {
    givenUp();
    trigger.releaseConnection();
  }

  @Override
  public void abortConnection() throws IOException {
    givenUp();
    trigger.abortConnection();
  }
}
