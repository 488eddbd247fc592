package dev.tapes.agent.capture.apache.v4.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.apache.ClassicExchange;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/**
 * One {@code execute} of a turn. For its duration the application's request carries a body that
 * copies what the client writes; on return the request gets its own body back (also when other
 * executes of the same request overlapped this one), and the response a body that copies what the
 * application reads.
 */
final class Classic4Exchange implements ClassicExchange {
  private final ExchangeRecorder recorder;
  private final HttpEntityEnclosingRequest request;
  private final HttpEntity body;
  private final HttpEntity copy;

  Classic4Exchange(HttpRequest request, ExchangeRecorder recorder) {
    this.recorder = recorder;
    HttpEntity entity =
        request instanceof HttpEntityEnclosingRequest
            ? TeeRequestEntity.original(((HttpEntityEnclosingRequest) request).getEntity())
            : null;
    if (entity == null) {
      this.request = null;
      this.body = null;
      this.copy = null;
      return;
    }
    this.request = (HttpEntityEnclosingRequest) request;
    this.body = entity;
    this.copy = new TeeRequestEntity(entity, recorder);
    this.request.setEntity(copy);
  }

  @Override
  public void end(Object response, Throwable thrown) {
    if (request != null && TeeRequestEntity.original(request.getEntity()) == body) {
      request.setEntity(body);
    }
    if (thrown != null || !(response instanceof HttpResponse)) {
      recorder.cutShort();
      return;
    }

    HttpResponse r = (HttpResponse) response;
    int status = r.getStatusLine().getStatusCode();
    HttpEntity entity = r.getEntity();
    recorder.responseStarted(status, encoding(r, entity));
    // Only a 200 carries a turn's reply; other bodies go to the application untouched.
    if (entity == null || status != 200) {
      recorder.completed();
      return;
    }
    r.setEntity(new TeeResponseEntity(entity, recorder));
  }

  /**
   * The encoding of the body as the application reads it: a body HttpClient decodes says none (and
   * the response has lost its header), one it does not decode says its own.
   */
  private static String encoding(HttpResponse response, HttpEntity entity) {
    Header header =
        entity != null ? entity.getContentEncoding() : response.getFirstHeader("Content-Encoding");
    return header == null ? null : header.getValue();
  }
}
