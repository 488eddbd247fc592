package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.io.IOException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The application's request producer, unchanged, except that the head it sends tells the exchange
 * its URL and the body it writes is copied as the client takes it.
 */
final class TeeRequestProducer implements AsyncRequestProducer {
  private final AsyncRequestProducer delegate;
  private final AsyncExchange exchange;

  /** The channel the body was last written to, and its copying wrapper (I/O thread only). */
  private DataStreamChannel channel;

  private DataStreamChannel copying;

  TeeRequestProducer(AsyncRequestProducer delegate, AsyncExchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  @Override
  public void sendRequest(RequestChannel requestChannel, HttpContext context)
      throws HttpException, IOException {
    delegate.sendRequest(new TeeRequestChannel(requestChannel, exchange), context);
  }

  @Override
  public boolean isRepeatable() {
    return delegate.isRepeatable();
  }

  @Override
  public void failed(Exception cause) {
    delegate.failed(cause);
  }

  @Override
  public int available() {
    return delegate.available();
  }

  @Override
  public void produce(DataStreamChannel dataChannel) throws IOException {
    ExchangeRecorder recorder = exchange.recorder();
    if (recorder == null) {
      delegate.produce(dataChannel);
      return;
    }
    if (dataChannel != channel) {
      channel = dataChannel;
      copying = new TeeDataStreamChannel(dataChannel, recorder);
    }
    delegate.produce(copying);
  }

  @Override
  public void releaseResources() {
    delegate.releaseResources();
  }
}
