package dev.tapes.agent.capture.apache.v5.wrappers;

import java.io.IOException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Tells the exchange the request head before passing it on to the client. */
final class TeeRequestChannel implements RequestChannel {
  private final RequestChannel delegate;
  private final AsyncExchange exchange;

  TeeRequestChannel(RequestChannel delegate, AsyncExchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  @Override
  public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext context)
      throws HttpException, IOException {
    try {
      exchange.requestSent(request, entityDetails);
    } catch (RuntimeException ignored) {
      // A capture failure never reaches the application.
    }
    delegate.sendRequest(request, entityDetails, context);
  }
}
