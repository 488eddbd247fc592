package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Stands in the client's copy of a captured request for the application's body publisher: every
 * subscription the client makes (a resend after a redirect or a retry makes another) goes to the
 * application's publisher through a {@link RequestBodyTee}. The client's copy of the request tells
 * the application it holds the application's own publisher (see {@link
 * JdkHttpHooks#jdkApplicationBody}).
 */
final class CopyingBodyPublisher implements HttpRequest.BodyPublisher {
  private final HttpRequest.BodyPublisher application;
  private final ExchangeRecorder recorder;

  CopyingBodyPublisher(HttpRequest.BodyPublisher application, ExchangeRecorder recorder) {
    this.application = application;
    this.recorder = recorder;
  }

  HttpRequest.BodyPublisher applicationPublisher() {
    return application;
  }

  @Override
  public long contentLength() {
    return application.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    application.subscribe(new RequestBodyTee(subscriber, recorder));
  }
}
