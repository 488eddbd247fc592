package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.LibraryCapture;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/**
 * One async {@code execute}, shared by its copying producer and consumer: becomes a captured
 * exchange when the request head is sent to a turn endpoint.
 */
final class AsyncExchange {
  private final LibraryCapture capture;
  private final HttpHost target;
  private volatile ExchangeRecorder recorder;

  AsyncExchange(LibraryCapture capture, HttpHost target) {
    this.capture = capture;
    this.target = target;
  }

  /** The request head is being sent; a second send (a retry) starts the request copy afresh. */
  void requestSent(HttpRequest request, EntityDetails entity) {
    ExchangeRecorder current = recorder;
    if (current != null) {
      current.requestStarted();
      return;
    }
    recorder =
        capture.start(
            Requests.url(target, request),
            request.getMethod(),
            Requests.encoding(request, entity == null ? null : entity.getContentEncoding()));
  }

  /** The recorder of this exchange, or null when it is not a turn (or not sent yet). */
  ExchangeRecorder recorder() {
    return recorder;
  }
}
