package dev.tapes.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A loopback server that speaks whatever provider format it is given: each POST gets the next
 * scripted reply, one-shot or streamed in chunks (with an optional pause between chunks), and every
 * exchange is recorded byte for byte.
 */
final class LlmServer implements ScriptedServer {
  /**
   * One scripted reply: status, content type, the body in the chunks it is sent in, and its
   * Content-Encoding when the body is sent encoded.
   */
  static final class Reply {
    final int status;
    final String contentType;
    final List<byte[]> chunks;
    final long pauseMillis;
    final String contentEncoding;

    Reply(int status, String contentType, List<byte[]> chunks, long pauseMillis) {
      this(status, contentType, chunks, pauseMillis, null);
    }

    private Reply(
        int status,
        String contentType,
        List<byte[]> chunks,
        long pauseMillis,
        String contentEncoding) {
      this.status = status;
      this.contentType = contentType;
      this.chunks = chunks;
      this.pauseMillis = pauseMillis;
      this.contentEncoding = contentEncoding;
    }

    /** The same reply with its body gzip-encoded, sent in one piece. */
    Reply gzipped() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write(body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Reply(status, contentType, List.of(out.toByteArray()), 0, "gzip");
    }

    static Reply json(String body) {
      return new Reply(200, "application/json", List.of(utf8(body)), 0);
    }

    static Reply stream(String contentType, long pauseMillis, String... chunks) {
      List<byte[]> bytes = new ArrayList<>();
      for (String c : chunks) {
        bytes.add(utf8(c));
      }
      return new Reply(200, contentType, bytes, pauseMillis);
    }

    static Reply status(int status, String body) {
      return new Reply(status, "application/json", List.of(utf8(body)), 0);
    }

    byte[] body() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  /** One exchange as the server saw it. */
  static final class Recorded {
    final String path;
    final byte[] request;
    final byte[] response;
    final int status;
    final String protocol;

    Recorded(String path, byte[] request, byte[] response, int status, String protocol) {
      this.path = path;
      this.request = request;
      this.response = response;
      this.status = status;
      this.protocol = protocol;
    }
  }

  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());

  /** How long each reply waits before its headers are sent, as a model would think. */
  private volatile long thinkMillis;

  LlmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes every reply wait {@code millis} before it starts. */
  void think(long millis) {
    thinkMillis = millis;
  }

  @Override
  public synchronized void enqueue(Reply reply) {
    replies.add(reply);
  }

  @Override
  public List<Recorded> recorded() {
    synchronized (recorded) {
      return new ArrayList<>(recorded);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] request = exchange.getRequestBody().readAllBytes();
    Reply reply;
    synchronized (this) {
      reply = replies.poll();
    }
    if (reply == null) {
      reply = Reply.status(500, "{\"error\":\"no scripted reply\"}");
    }
    exchange.getResponseHeaders().set("Content-Type", reply.contentType);
    if (reply.contentEncoding != null) {
      exchange.getResponseHeaders().set("Content-Encoding", reply.contentEncoding);
    }
    boolean streamed = reply.chunks.size() > 1;
    if (thinkMillis > 0) {
      sleep(thinkMillis);
    }
    exchange.sendResponseHeaders(reply.status, streamed ? 0 : reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < reply.chunks.size(); i++) {
        if (i > 0 && reply.pauseMillis > 0) {
          sleep(reply.pauseMillis);
        }
        out.write(reply.chunks.get(i));
        out.flush();
      }
    }
    recorded.add(
        new Recorded(
            exchange.getRequestURI().getPath(),
            request,
            reply.body(),
            reply.status,
            exchange.getProtocol()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
