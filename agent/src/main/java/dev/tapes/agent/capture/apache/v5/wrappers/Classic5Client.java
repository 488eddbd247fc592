package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.LibraryCapture;
import dev.tapes.agent.capture.apache.ApacheClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;

/**
 * The capture of one Apache HttpClient 5 copy's classic client: decides from a request's URL
 * whether its {@code execute} is a turn, and starts the exchange when it is.
 */
public final class Classic5Client implements ApacheClient {
  private final LibraryCapture capture;

  public Classic5Client(LibraryCapture capture) {
    this.capture = capture;
  }

  @Override
  public Object classicStart(Object target, Object request) {
    ClassicHttpRequest r = (ClassicHttpRequest) request;
    HttpEntity entity = r.getEntity();
    ExchangeRecorder recorder =
        capture.start(
            Requests.url((HttpHost) target, r),
            r.getMethod(),
            Requests.encoding(r, entity == null ? null : entity.getContentEncoding()));
    if (recorder == null) {
      return null;
    }
    return new Classic5Exchange(r, recorder);
  }
}
