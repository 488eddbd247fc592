package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.LibraryCapture;
import dev.tapes.agent.capture.apache.ApacheClient;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;

/**
 * The capture of one Apache HttpClient 5 copy's async client. The URL is only known when the
 * producer sends the request head, so every call gets a copying producer and consumer, which pass
 * everything straight through once the URL turns out not to be a turn's.
 */
public final class Async5Client implements ApacheClient {
  private final LibraryCapture capture;

  public Async5Client(LibraryCapture capture) {
    this.capture = capture;
  }

  @Override
  public Object[] asyncStart(Object target, Object producer, Object consumer) {
    AsyncExchange exchange = new AsyncExchange(capture, (HttpHost) target);
    return new Object[] {
      new TeeRequestProducer((AsyncRequestProducer) producer, exchange),
      new TeeResponseConsumer<>((AsyncResponseConsumer<?>) consumer, exchange)
    };
  }
}
