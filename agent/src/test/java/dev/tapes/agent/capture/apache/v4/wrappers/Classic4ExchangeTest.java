package dev.tapes.agent.capture.apache.v4.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.pipeline.Counters;
import dev.tapes.agent.pipeline.Pipeline;
import dev.tapes.agent.testing.ListSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.StringEntity;
import org.junit.jupiter.api.Test;

/** The application's request object ends with its own body, however its executes overlap. */
class Classic4ExchangeTest {
  private final Pipeline pipeline =
      new Pipeline(new ListSink(new ArrayList<>()), new Counters(), 10, "p", "a");

  private ExchangeRecorder recorder() {
    return new ExchangeRecorder(pipeline, Provider.OPENAI, "POST", null, 1 << 20);
  }

  @Test
  void oneExecuteGivesTheBodyBack() throws IOException {
    HttpPost post = new HttpPost("http://127.0.0.1/v1/chat/completions");
    HttpEntity own = new StringEntity("{\"a\":1}", StandardCharsets.UTF_8);
    post.setEntity(own);

    Classic4Exchange exchange = new Classic4Exchange(post, recorder());
    assertNotSame(own, post.getEntity(), "the copying body is in place while the call runs");
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    post.getEntity().writeTo(written);
    exchange.end(null, new IOException("refused"));

    assertEquals("{\"a\":1}", written.toString(StandardCharsets.UTF_8));
    assertSame(own, post.getEntity());
  }

  @Test
  void overlappingExecutesOfOneRequestGiveItsOwnBodyBack() {
    for (boolean firstEndsFirst : new boolean[] {true, false}) {
      HttpPost post = new HttpPost("http://127.0.0.1/v1/chat/completions");
      HttpEntity own = new StringEntity("{\"a\":1}", StandardCharsets.UTF_8);
      post.setEntity(own);

      Classic4Exchange first = new Classic4Exchange(post, recorder());
      Classic4Exchange second = new Classic4Exchange(post, recorder());
      assertSame(
          own,
          TeeRequestEntity.original(post.getEntity()),
          "the second copies the application's body, not the first's copy");
      if (firstEndsFirst) {
        first.end(null, new IOException("refused"));
        second.end(null, new IOException("refused"));
      } else {
        second.end(null, new IOException("refused"));
        first.end(null, new IOException("refused"));
      }

      assertSame(own, post.getEntity(), "first ends first: " + firstEndsFirst);
    }
  }
}
