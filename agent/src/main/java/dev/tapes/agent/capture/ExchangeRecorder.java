package dev.tapes.agent.capture;

import dev.tapes.agent.llm.DropReason;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.pipeline.Exchange;
import dev.tapes.agent.pipeline.Pipeline;
import java.nio.ByteBuffer;

/**
 * The state of one exchange being captured, fed by whichever client copies its bodies, and handed
 * to the pipeline exactly once when the response completes, fails or is cancelled. Methods are
 * synchronized: request and response bytes may arrive on different client threads.
 */
public final class ExchangeRecorder {
  private final Pipeline pipeline;
  private final Provider provider;
  private final String method;
  private final String requestEncoding;
  private final BodyCopy request;
  private final BodyCopy response;
  private int status = -1;
  private String responseEncoding;
  private boolean finished;

  public ExchangeRecorder(
      Pipeline pipeline, Provider provider, String method, String requestEncoding, long budget) {
    this.pipeline = pipeline;
    this.provider = provider;
    this.method = method;
    this.requestEncoding = requestEncoding;
    this.request = new BodyCopy(budget);
    this.response = new BodyCopy(budget);
    pipeline.exchangeStarted();
  }

  /** A (re)subscription to the request body starts its copy afresh, as the client resends it. */
  public synchronized void requestStarted() {
    request.reset();
  }

  public synchronized void requestBytes(ByteBuffer buffer) {
    request.append(buffer);
  }

  /** The response head arrived. A body is only worth copying for status 200. */
  public synchronized void responseStarted(int statusCode, String contentEncoding) {
    status = statusCode;
    responseEncoding = contentEncoding;
  }

  public synchronized void responseBytes(ByteBuffer buffer) {
    if (status == 200 && !finished) {
      response.append(buffer);
    }
  }

  /** The response body was read to its end. */
  public void completed() {
    finish(false);
  }

  /**
   * The response ended early: the application cancelled or closed it, or the connection failed.
   * What arrived is still recorded (a cut stream keeps its blocks, with stop reason {@code
   * incomplete}); an exchange with nothing received counts as {@code client_disconnect}.
   */
  public void cutShort() {
    finish(true);
  }

  private void finish(boolean cut) {
    Exchange exchange;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      DropReason problem = null;
      if (request.overBudget() || response.overBudget()) {
        problem = DropReason.REQUEST_OVER_BUDGET;
      } else if (cut && status == 200 && response.length() == 0) {
        problem = DropReason.CLIENT_DISCONNECT;
      } else if (status < 0) {
        problem = DropReason.CLIENT_DISCONNECT;
      }
      exchange =
          new Exchange(
              provider,
              method,
              status,
              request.take(),
              requestEncoding,
              response.take(),
              responseEncoding,
              problem,
              cut);
    }
    pipeline.submit(exchange);
  }
}
