package dev.tapes.agent.pipeline;

import dev.tapes.agent.llm.DropReason;
import dev.tapes.agent.llm.Provider;

/**
 * One captured HTTP exchange on a turn endpoint, as handed from the application's thread to the
 * pipeline: the bytes as they crossed the wire (still content-coded) and what became of the call.
 */
public final class Exchange {
  private final Provider provider;
  private final String method;
  private final int status;
  private final byte[] requestBody;
  private final String requestEncoding;
  private final byte[] responseBody;
  private final String responseEncoding;
  private final DropReason captureProblem;
  private final boolean cutShort;

  public Exchange(
      Provider provider,
      String method,
      int status,
      byte[] requestBody,
      String requestEncoding,
      byte[] responseBody,
      String responseEncoding,
      DropReason captureProblem,
      boolean cutShort) {
    this.provider = provider;
    this.method = method;
    this.status = status;
    this.requestBody = requestBody;
    this.requestEncoding = requestEncoding;
    this.responseBody = responseBody;
    this.responseEncoding = responseEncoding;
    this.captureProblem = captureProblem;
    this.cutShort = cutShort;
  }

  public Provider provider() {
    return provider;
  }

  public String method() {
    return method;
  }

  public int status() {
    return status;
  }

  public byte[] requestBody() {
    return requestBody;
  }

  /** The request's {@code Content-Encoding}, or null. */
  public String requestEncoding() {
    return requestEncoding;
  }

  public byte[] responseBody() {
    return responseBody;
  }

  /** The response's {@code Content-Encoding}, or null when the client already decoded it. */
  public String responseEncoding() {
    return responseEncoding;
  }

  /** Set when capture itself went wrong (over budget, cut off); null otherwise. */
  public DropReason captureProblem() {
    return captureProblem;
  }

  /** True when the response ended before its end: cancelled, closed early, or failed. */
  public boolean cutShort() {
    return cutShort;
  }
}
