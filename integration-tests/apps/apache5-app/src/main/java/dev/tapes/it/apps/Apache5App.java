package dev.tapes.it.apps;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.AbstractCharResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http.protocol.BasicHttpContext;

/**
 * An application that talks to an LLM server with Apache HttpClient 5, classic and async, and knows
 * nothing of the agent. It runs the steps of a script file, each {@code method|path|mode|base64
 * body}, and prints one line per step: what it received (base64), or the exception it got. A {@code
 * TIME} step prints the monotonic and the wall clock in milliseconds, then the monotonic clock in
 * nanoseconds and the CPU time of the whole JVM. Modes starting {@code async} use the async client;
 * a mode {@code raw-M} is M through a classic client that does not decode compressed bodies.
 */
public final class Apache5App {
  private Apache5App() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    List<String> steps = Files.readAllLines(Paths.get(args[1]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpClient raw = HttpClients.custom().disableContentCompression().build();
        CloseableHttpAsyncClient async = HttpAsyncClients.createDefault()) {
      async.start();
      for (String step : steps) {
        if (step.isBlank()) {
          continue;
        }
        String[] f = step.split("\\|", -1);
        if (f[0].equals("TIME")) {
          long now = System.nanoTime();
          out.println(
              "time "
                  + now / 1_000_000
                  + " "
                  + System.currentTimeMillis()
                  + " "
                  + now
                  + " "
                  + processCpuNanos());
          continue;
        }
        String method = f[0];
        String url = f[1].startsWith("http") ? f[1] : baseUrl + f[1];
        String mode = f[2];
        byte[] body = Base64.getDecoder().decode(f[3]);
        try {
          byte[] received;
          if (mode.startsWith("async")) {
            received = receiveAsync(async, method, url, body, mode);
          } else if (mode.startsWith("raw-")) {
            received = receive(raw, request(method, url, body, false), mode.substring(4));
          } else {
            received =
                receive(client, request(method, url, body, mode.equals("streamedRequest")), mode);
          }
          out.println("ok " + Base64.getEncoder().encodeToString(received));
        } catch (Exception e) {
          Throwable t = e instanceof ExecutionException ? e.getCause() : e;
          out.println("error " + t.getClass().getName() + ": " + t.getMessage());
        }
      }
    }
  }

  private static HttpUriRequestBase request(
      String method, String url, byte[] body, boolean streamed) {
    if (method.equals("GET")) {
      return new HttpGet(url);
    }
    HttpPost post = new HttpPost(url);
    post.setEntity(
        streamed
            ? new InputStreamEntity(new ByteArrayInputStream(body), ContentType.APPLICATION_JSON)
            : new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    return post;
  }

  @SuppressWarnings("deprecation") // execute returning the response: what many applications call
  static byte[] receive(CloseableHttpClient client, HttpUriRequestBase request, String mode)
      throws Exception {
    switch (mode) {
      case "execute":
      case "streamedRequest":
        try (CloseableHttpResponse response = client.execute(request)) {
          return EntityUtils.toByteArray(response.getEntity());
        }
      case "handler":
        return client.execute(request, response -> EntityUtils.toByteArray(response.getEntity()));
      case "hostHandler":
        {
          // The target given apart, the request with a path only.
          URI uri = request.getUri();
          HttpPost relative = new HttpPost(uri.getRawPath());
          relative.setEntity(request.getEntity());
          return client.execute(
              new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()),
              relative,
              new BasicHttpContext(),
              response -> EntityUtils.toByteArray(response.getEntity()));
        }
      case "stream":
        try (CloseableHttpResponse response = client.execute(request);
            InputStream in = response.getEntity().getContent()) {
          return readInSmallPieces(in);
        }
      case "writeTo":
        try (CloseableHttpResponse response = client.execute(request)) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          response.getEntity().writeTo(bytes);
          return bytes.toByteArray();
        }
      case "status":
        try (CloseableHttpResponse response = client.execute(request)) {
          HttpEntity entity = response.getEntity();
          return utf8(
              response.getCode() + " " + (entity == null ? "" : EntityUtils.toString(entity)));
        }
      case "closedEarly":
        // Reads the start of the body, then closes the response, not the stream.
        try (CloseableHttpResponse response = client.execute(request)) {
          byte[] first = new byte[200];
          int n = response.getEntity().getContent().readNBytes(first, 0, first.length);
          return Arrays.copyOf(first, n);
        }
      case "arrivalTimes":
        {
          // Milliseconds from the call to the arrival of each line of a streamed body.
          long start = System.nanoTime();
          StringBuilder times = new StringBuilder();
          try (CloseableHttpResponse response = client.execute(request);
              BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(
                          response.getEntity().getContent(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
              if (!line.isEmpty()) {
                times.append((System.nanoTime() - start) / 1_000_000).append(' ');
              }
            }
          }
          return utf8(times.toString().trim());
        }
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  static byte[] receiveAsync(
      CloseableHttpAsyncClient client, String method, String url, byte[] body, String mode)
      throws Exception {
    switch (mode) {
      case "asyncSimple":
        {
          SimpleRequestBuilder request = SimpleRequestBuilder.create(method).setUri(url);
          if (!method.equals("GET")) {
            request.setBody(body, ContentType.APPLICATION_JSON);
          }
          SimpleHttpRequest simple = request.build();
          SimpleHttpResponse response = client.execute(simple, null).get(30, TimeUnit.SECONDS);
          return response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes();
        }
      case "asyncBasic":
        {
          Future<Message<HttpResponse, byte[]>> future =
              client.execute(
                  new BasicRequestProducer(
                      Method.normalizedValueOf(method),
                      URI.create(url),
                      new BasicAsyncEntityProducer(body, ContentType.APPLICATION_JSON)),
                  new BasicResponseConsumer<>(new BasicAsyncEntityConsumer()),
                  null);
          byte[] received = future.get(30, TimeUnit.SECONDS).getBody();
          return received == null ? new byte[0] : received;
        }
      case "asyncChars":
        return utf8(chars(client, url, body, null).get(30, TimeUnit.SECONDS));
      case "asyncArrivalTimes":
        {
          // Milliseconds from the call to the arrival of each line, as the consumer is given it.
          StringBuilder times = new StringBuilder();
          long start = System.nanoTime();
          chars(
                  client,
                  url,
                  body,
                  text -> {
                    for (int i = 0; i < text.length(); i++) {
                      if (text.charAt(i) == '\n'
                          && (i + 1 >= text.length() || text.charAt(i + 1) == '\n')) {
                        times.append((System.nanoTime() - start) / 1_000_000).append(' ');
                        i++;
                      }
                    }
                  })
              .get(30, TimeUnit.SECONDS);
          return utf8(times.toString().trim());
        }
      case "asyncStopped":
        // The application's consumer gives up on the stream once its first part has arrived.
        return utf8(
            chars(
                    client,
                    url,
                    body,
                    text -> {
                      throw new IOException("stopped reading");
                    })
                .get(30, TimeUnit.SECONDS));
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  /** Text arriving, as the application's consumer is given it. */
  interface TextListener {
    void text(String text) throws IOException;
  }

  /** A streamed reply read by the application's own character consumer. */
  private static Future<String> chars(
      CloseableHttpAsyncClient client, String url, byte[] body, TextListener listener) {
    SimpleHttpRequest request =
        SimpleRequestBuilder.post(url).setBody(body, ContentType.APPLICATION_JSON).build();
    return client.execute(
        org.apache.hc.client5.http.async.methods.SimpleRequestProducer.create(request),
        new AbstractCharResponseConsumer<String>() {
          private final StringBuilder text = new StringBuilder();

          @Override
          protected void start(HttpResponse response, ContentType contentType) {
            text.append(response.getCode()).append(' ');
          }

          @Override
          protected int capacityIncrement() {
            return 1024;
          }

          @Override
          protected void data(CharBuffer src, boolean endOfStream) throws IOException {
            String part = src.toString();
            text.append(part);
            if (listener != null && !part.isEmpty()) {
              listener.text(part);
            }
          }

          @Override
          protected String buildResult() {
            return text.toString();
          }

          @Override
          public void releaseResources() {}
        },
        null);
  }

  private static byte[] readInSmallPieces(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buf = new byte[100];
    int n;
    while ((n = in.read(buf)) > 0) {
      bytes.write(buf, 0, n);
    }
    return bytes.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The CPU time of every thread of this JVM so far, the agent's among them. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
