package dev.tapes.agent.capture;

import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.pipeline.Endpoints;
import dev.tapes.agent.pipeline.Pipeline;

/**
 * What the code defined beside an application's HTTP library (see {@link LibraryClassLoader}) asks
 * of the agent: whether a call is a turn, and a recorder for it when it is. Only {@code java.base}
 * and agent types cross here.
 */
public final class LibraryCapture {
  private final Pipeline pipeline;
  private final Endpoints endpoints;
  private final long budget;

  public LibraryCapture(Pipeline pipeline, Endpoints endpoints, long budget) {
    this.pipeline = pipeline;
    this.endpoints = endpoints;
    this.budget = budget;
  }

  /**
   * A recorder for a call to {@code url}, or null when the URL is not a turn endpoint (the one
   * check every other call pays).
   */
  public ExchangeRecorder start(String url, String method, String requestEncoding) {
    Provider provider = endpoints.providerFor(url);
    if (provider == null) {
      return null;
    }
    return new ExchangeRecorder(pipeline, provider, method, requestEncoding, budget);
  }
}
