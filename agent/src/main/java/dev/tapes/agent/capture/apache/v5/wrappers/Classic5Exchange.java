package dev.tapes.agent.capture.apache.v5.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.apache.ClassicExchange;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One classic {@code execute} of a turn. For its duration the application's request carries a body
 * that copies what the client writes; on return the request gets its own body back (also when other
 * executes of the same request overlapped this one), and the response a body that copies what the
 * application reads.
 */
final class Classic5Exchange implements ClassicExchange {
  private final ExchangeRecorder recorder;
  private final ClassicHttpRequest request;
  private final HttpEntity body;
  private final HttpEntity copy;

  Classic5Exchange(ClassicHttpRequest request, ExchangeRecorder recorder) {
    this.recorder = recorder;
    this.request = request;
    this.body = TeeRequestEntity.original(request.getEntity());
    if (body == null) {
      this.copy = null;
      return;
    }
    this.copy = new TeeRequestEntity(body, recorder);
    request.setEntity(copy);
  }

  @Override
  public void end(Object response, Throwable thrown) {
    if (copy != null && TeeRequestEntity.original(request.getEntity()) == body) {
      request.setEntity(body);
    }
    if (thrown != null || !(response instanceof ClassicHttpResponse)) {
      recorder.cutShort();
      return;
    }

    ClassicHttpResponse r = (ClassicHttpResponse) response;
    HttpEntity entity = r.getEntity();
    // A body HttpClient decodes says it has no encoding; one it does not decode says its own.
    recorder.responseStarted(r.getCode(), entity == null ? null : entity.getContentEncoding());
    // Only a 200 carries a turn's reply; other bodies go to the application untouched.
    if (entity == null || r.getCode() != 200) {
      recorder.completed();
      return;
    }
    r.setEntity(new TeeResponseEntity(entity, recorder));
  }
}
