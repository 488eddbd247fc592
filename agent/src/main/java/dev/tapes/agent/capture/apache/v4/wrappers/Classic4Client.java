package dev.tapes.agent.capture.apache.v4.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.LibraryCapture;
import dev.tapes.agent.capture.apache.ApacheClient;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * The capture of one Apache HttpClient 4 copy: decides from a request's URL whether its {@code
 * execute} is a turn, and starts the exchange when it is.
 */
public final class Classic4Client implements ApacheClient {
  private final LibraryCapture capture;

  public Classic4Client(LibraryCapture capture) {
    this.capture = capture;
  }

  @Override
  public Object classicStart(Object target, Object request) {
    HttpRequest r = (HttpRequest) request;
    String method =
        r instanceof HttpUriRequest
            ? ((HttpUriRequest) r).getMethod()
            : r.getRequestLine().getMethod();
    ExchangeRecorder recorder = capture.start(url((HttpHost) target, r), method, encoding(r));
    if (recorder == null) {
      return null;
    }
    return new Classic4Exchange(r, recorder);
  }

  /** The request's URL: its own when absolute, else the target's with the request's path. */
  private static String url(HttpHost target, HttpRequest request) {
    String uri =
        request instanceof HttpUriRequest
            ? ((HttpUriRequest) request).getURI().toString()
            : request.getRequestLine().getUri();
    if (target != null && uri.startsWith("/")) {
      return target.toURI() + uri;
    }
    return uri;
  }

  private static String encoding(HttpRequest request) {
    Header header = request.getFirstHeader("Content-Encoding");
    if (header != null) {
      return header.getValue();
    }
    if (request instanceof HttpEntityEnclosingRequest) {
      HttpEntity entity = ((HttpEntityEnclosingRequest) request).getEntity();
      Header fromEntity = entity == null ? null : entity.getContentEncoding();
      return fromEntity == null ? null : fromEntity.getValue();
    }
    return null;
  }
}
