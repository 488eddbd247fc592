package dev.tapes.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * An application that talks to an LLM server with OkHttp, and knows nothing of the agent. It runs
 * the steps of a script file, each {@code method|path|mode|base64 body}, and prints one line per
 * step: what it received (base64), or the exception it got. A {@code TIME} step prints the
 * monotonic and the wall clock in milliseconds, then the monotonic clock in nanoseconds and the CPU
 * time of the whole JVM. With {@code copies} as third argument, the steps take turns between a
 * client and two clients copied from it with {@code newBuilder()}.
 *
 * <p>Compiled against OkHttp 3.14 and run on 3.14, 4.x and 5.x, whose API keeps these calls.
 */
public final class OkHttpApp {
  private static final MediaType JSON = MediaType.parse("application/json");

  private OkHttpApp() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    List<String> steps = Files.readAllLines(Paths.get(args[1]));
    boolean copies = args.length > 2 && args[2].equals("copies");

    OkHttpClient client = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).build();
    List<OkHttpClient> clients = new ArrayList<>();
    clients.add(client);
    if (copies) {
      OkHttpClient copy = client.newBuilder().readTimeout(20, TimeUnit.SECONDS).build();
      clients.add(copy);
      clients.add(copy.newBuilder().build());
    }

    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int index = 0;
    for (String step : steps) {
      if (step.isBlank()) {
        continue;
      }
      String[] f = step.split("\\|", -1);
      String method = f[0];
      if (method.equals("TIME")) {
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
      Request.Builder request = new Request.Builder().url(url);
      if (method.equals("GET")) {
        request.get();
      } else {
        request.method(method, RequestBody.create(JSON, body));
      }
      OkHttpClient c = clients.get(index++ % clients.size());
      try {
        out.println("ok " + Base64.getEncoder().encodeToString(receive(c, request.build(), mode)));
      } catch (Exception e) {
        Throwable t = e instanceof ExecutionException ? e.getCause() : e;
        out.println("error " + t.getClass().getName() + ": " + t.getMessage());
      }
    }
    out.flush();
    // OkHttp's dispatcher and connection pool threads would keep the JVM up for a minute.
    System.exit(0);
  }

  static byte[] receive(OkHttpClient client, Request request, String mode) throws Exception {
    switch (mode) {
      case "execute":
        try (Response response = client.newCall(request).execute()) {
          return response.body().bytes();
        }
      case "enqueue":
        return enqueue(client, request).get();
      case "stream":
        try (Response response = client.newCall(request).execute();
            InputStream in = response.body().byteStream()) {
          return readInSmallPieces(in);
        }
      case "closedEarly":
        try (Response response = client.newCall(request).execute()) {
          byte[] first = new byte[64];
          int n = response.body().byteStream().readNBytes(first, 0, first.length);
          return Arrays.copyOf(first, n);
        }
      case "arrivalTimes":
        // Milliseconds from the call to the arrival of each line of a streamed body.
        long start = System.nanoTime();
        StringBuilder times = new StringBuilder();
        try (Response response = client.newCall(request).execute()) {
          BufferedSource source = response.body().source();
          String line;
          while ((line = source.readUtf8Line()) != null) {
            if (!line.isEmpty()) {
              times.append((System.nanoTime() - start) / 1_000_000).append(' ');
            }
          }
        }
        return utf8(times.toString().trim());
      case "identity":
        return identity(client, request);
      case "sse":
        return eventSource(client, request, false).get();
      case "sseArrivalTimes":
        return eventSource(client, request, true).get();
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  /**
   * A call with a request body of the application's own, through a copy of the client with an
   * application interceptor added, and a network interceptor that reads the body into a {@code
   * Buffer} first, as a logging interceptor does: what the body's {@code writeTo} was given each
   * time, what the added interceptor saw, and whether the response's request is the application's.
   */
  private static byte[] identity(OkHttpClient client, Request request) throws IOException {
    Buffer content = new Buffer();
    request.body().writeTo(content);
    byte[] bytes = content.readByteArray();
    List<String> sinks = new ArrayList<>();
    RequestBody own =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return JSON;
          }

          @Override
          public long contentLength() {
            return bytes.length;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sinks.add(sink instanceof Buffer ? "Buffer" : "sink");
            sink.write(bytes);
          }
        };
    List<String> seen = new ArrayList<>();
    OkHttpClient logging =
        client
            .newBuilder()
            .addInterceptor(
                chain -> {
                  seen.add(chain.request().body() == own ? "own body" : "another body");
                  return chain.proceed(chain.request());
                })
            .addNetworkInterceptor(
                chain -> {
                  chain.request().body().writeTo(new Buffer());
                  return chain.proceed(chain.request());
                })
            .build();
    Request mine = request.newBuilder().method(request.method(), own).build();
    try (Response response = logging.newCall(mine).execute()) {
      response.body().bytes();
      return utf8(
          "same request "
              + (response.request() == mine)
              + ", same body "
              + (response.request().body() == own)
              + ", writeTo given "
              + sinks
              + ", its interceptor saw "
              + seen);
    }
  }

  private static CompletableFuture<byte[]> enqueue(OkHttpClient client, Request request) {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    client
        .newCall(request)
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                done.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (ResponseBody body = response.body()) {
                  done.complete(body.bytes());
                } catch (IOException e) {
                  done.completeExceptionally(e);
                }
              }
            });
    return done;
  }

  /** The events of a server-sent event stream, one line each, or their arrival times. */
  private static CompletableFuture<byte[]> eventSource(
      OkHttpClient client, Request request, boolean times) {
    long start = System.nanoTime();
    StringBuilder seen = new StringBuilder();
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    EventSources.createFactory(client)
        .newEventSource(
            request,
            new EventSourceListener() {
              @Override
              public void onEvent(EventSource source, String id, String type, String data) {
                if (times) {
                  seen.append((System.nanoTime() - start) / 1_000_000).append(' ');
                } else {
                  seen.append(type).append('|').append(data).append('\n');
                }
              }

              @Override
              public void onClosed(EventSource source) {
                done.complete(utf8(seen.toString().trim()));
              }

              @Override
              public void onFailure(EventSource source, Throwable t, Response response) {
                done.complete(
                    utf8("failure " + t + " " + (response == null ? "" : response.code())));
              }
            });
    return done;
  }

  private static byte[] readInSmallPieces(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
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
