package dev.tapes.it;

import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** The scripted LLM server over HTTP/1.1 and cleartext HTTP/2 (h2c), on loopback. */
final class H2cServer implements ScriptedServer {
  private final Server server = new Server();
  private final ServerConnector connector;
  private final Deque<LlmServer.Reply> replies = new ArrayDeque<>();
  private final List<LlmServer.Recorded> recorded = Collections.synchronizedList(new ArrayList<>());

  H2cServer() throws Exception {
    HttpConfiguration config = new HttpConfiguration();
    connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            serve(request, response);
            callback.succeeded();
            return true;
          }
        });
    server.start();
  }

  private void serve(Request request, Response response) throws Exception {
    byte[] body = Content.Source.asInputStream(request).readAllBytes();
    String protocol = request.getConnectionMetaData().getHttpVersion().asString();
    LlmServer.Reply reply;
    if (request.getMethod().equals("GET")) {
      reply = LlmServer.Reply.json("{\"status\":\"ok\"}");
    } else {
      synchronized (this) {
        reply = replies.poll();
      }
      if (reply == null) {
        reply = LlmServer.Reply.status(500, "{\"error\":\"no scripted reply\"}");
      }
    }
    response.setStatus(reply.status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      for (byte[] chunk : reply.chunks) {
        out.write(chunk);
        out.flush();
      }
    }
    if (!request.getMethod().equals("GET")) {
      recorded.add(
          new LlmServer.Recorded(
              Request.getPathInContext(request), body, reply.body(), reply.status, protocol));
    }
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  @Override
  public synchronized void enqueue(LlmServer.Reply reply) {
    replies.add(reply);
  }

  @Override
  public List<LlmServer.Recorded> recorded() {
    synchronized (recorded) {
      return new ArrayList<>(recorded);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
