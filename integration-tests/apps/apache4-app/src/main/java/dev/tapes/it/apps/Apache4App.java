package dev.tapes.it.apps;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.conn.ConnectionReleaseTrigger;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.InputStreamEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.util.EntityUtils;

/**
 * An application that talks to an LLM server with Apache HttpClient 4.5, and knows nothing of the
 * agent. It runs the steps of a script file, each {@code method|path|mode|base64 body}, and prints
 * one line per step: what it received (base64), or the exception it got. A {@code TIME} step prints
 * the monotonic and the wall clock in milliseconds, then the monotonic clock in nanoseconds and the
 * CPU time of the whole JVM. A mode {@code raw-M} is M through a client that does not decode
 * compressed bodies.
 */
public final class Apache4App {
  private Apache4App() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    List<String> steps = Files.readAllLines(Paths.get(args[1]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (CloseableHttpClient client = HttpClients.createDefault();
        CloseableHttpClient raw = HttpClients.custom().disableContentCompression().build()) {
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
        String url = f[1].startsWith("http") ? f[1] : baseUrl + f[1];
        String mode = f[2];
        byte[] body = Base64.getDecoder().decode(f[3]);
        HttpRequestBase request = request(f[0], url, body, mode.equals("streamedRequest"));
        try {
          byte[] received =
              mode.startsWith("raw-")
                  ? receive(raw, request, mode.substring(4))
                  : receive(client, request, mode);
          out.println("ok " + Base64.getEncoder().encodeToString(received));
        } catch (Exception e) {
          out.println("error " + e.getClass().getName() + ": " + e.getMessage());
        }
      }
    }
  }

  private static HttpRequestBase request(String method, String url, byte[] body, boolean streamed) {
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

  static byte[] receive(CloseableHttpClient client, HttpRequestBase request, String mode)
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
          URI uri = request.getURI();
          request.setURI(URI.create(uri.getRawPath()));
          return client.execute(
              new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()),
              request,
              response -> EntityUtils.toByteArray(response.getEntity()),
              new BasicHttpContext());
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
              response.getStatusLine().getStatusCode()
                  + " "
                  + (entity == null ? "" : EntityUtils.toString(entity)));
        }
      case "closedEarly":
        // Reads the start of the body, then closes the response, not the stream.
        try (CloseableHttpResponse response = client.execute(request)) {
          byte[] first = new byte[200];
          int n = response.getEntity().getContent().readNBytes(first, 0, first.length);
          return Arrays.copyOf(first, n);
        }
      case "aborted":
        {
          // Reads the start of the body, then gives the stream up by aborting its connection, as
          // an application cancelling a stream does (closing it would read the rest first).
          CloseableHttpResponse response = client.execute(request);
          InputStream in = response.getEntity().getContent();
          byte[] first = new byte[200];
          int n = in.readNBytes(first, 0, first.length);
          String how;
          if (in instanceof ConnectionReleaseTrigger) {
            ((ConnectionReleaseTrigger) in).abortConnection();
            how = "aborted";
          } else {
            in.close();
            how = "closed";
          }
          response.close();
          return utf8(new String(first, 0, n, StandardCharsets.UTF_8) + " " + how);
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
