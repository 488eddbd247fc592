package dev.tapes.it.app;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * An application that talks to an LLM server with the JDK's HTTP client, and knows nothing of the
 * agent. It runs the steps of a script file, each {@code method|path|handler|base64 body}, and
 * prints one line per step: what it received (base64), or the exception it got. Other steps: {@code
 * SLEEP|millis}, {@code JMX} (prints the agent's counters), {@code TIME} (prints the monotonic and
 * the wall clock in milliseconds, then the monotonic clock in nanoseconds and the CPU time of the
 * whole JVM) and {@code TASKS} (prints how many tasks the client has given its executor, when
 * started with {@code -Dapp.countTasks=true}: the client then runs on an executor of its own).
 */
public final class JdkClientApp {
  private JdkClientApp() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    List<String> steps = Files.readAllLines(Paths.get(args[1]));
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    AtomicLong tasks = new AtomicLong();
    if (Boolean.getBoolean("app.countTasks")) {
      ExecutorService pool =
          Executors.newCachedThreadPool(
              task -> {
                Thread t = new Thread(task, "app-client");
                t.setDaemon(true);
                return t;
              });
      builder.executor(
          task -> {
            tasks.incrementAndGet();
            pool.execute(task);
          });
    }
    HttpClient client = builder.build();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    for (String step : steps) {
      if (step.isBlank()) {
        continue;
      }
      String[] f = step.split("\\|", -1);
      String method = f[0];
      if (method.equals("SLEEP")) {
        Thread.sleep(Long.parseLong(f[1]));
        continue;
      }
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
      if (method.equals("TASKS")) {
        out.println("tasks " + tasks.get());
        continue;
      }
      if (method.equals("JMX")) {
        out.println("jmx " + agentCounters());
        continue;
      }
      String url = f[1].startsWith("http") ? f[1] : baseUrl + f[1];
      String handler = f[2];
      byte[] body = Base64.getDecoder().decode(f[3]);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
      String publisher = f.length > 4 ? f[4] : "ofByteArray";
      HttpRequest request =
          method.equals("GET")
              ? b.GET().build()
              : b.method(method, publisher(publisher, body)).build();
      try {
        out.println("ok " + Base64.getEncoder().encodeToString(receive(client, request, handler)));
      } catch (Exception e) {
        Throwable t = e;
        out.println("error " + t.getClass().getName() + ": " + t.getMessage());
      }
    }
  }

  /** The request body through one of the JDK's publishers, or one of the application's own. */
  static HttpRequest.BodyPublisher publisher(String name, byte[] body) throws Exception {
    switch (name) {
      case "ofByteArray":
        return HttpRequest.BodyPublishers.ofByteArray(body);
      case "ofString":
        return HttpRequest.BodyPublishers.ofString(new String(body, StandardCharsets.UTF_8));
      case "ofInputStream":
        return HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(body));
      case "ofByteArrays":
        int half = body.length / 2;
        return HttpRequest.BodyPublishers.ofByteArrays(
            List.of(
                java.util.Arrays.copyOf(body, half),
                java.util.Arrays.copyOfRange(body, half, body.length)));
      case "ofFile":
        Path file = Files.createTempFile("jdk-client-app", ".request");
        Files.write(file, body);
        file.toFile().deleteOnExit();
        return HttpRequest.BodyPublishers.ofFile(file);
      case "custom":
        // The application's own publisher: one buffer per 10 bytes, delivered on demand.
        return HttpRequest.BodyPublishers.fromPublisher(
            subscriber -> {
              java.util.concurrent.SubmissionPublisher<ByteBuffer> p =
                  new java.util.concurrent.SubmissionPublisher<>();
              p.subscribe(subscriber);
              for (int i = 0; i < body.length; i += 10) {
                p.submit(
                    ByteBuffer.wrap(
                        java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + 10))));
              }
              p.close();
            },
            body.length);
      default:
        throw new IllegalArgumentException("unknown publisher " + name);
    }
  }

  static byte[] receive(HttpClient client, HttpRequest request, String handler) throws Exception {
    switch (handler) {
      case "ofString":
        return client
            .send(request, HttpResponse.BodyHandlers.ofString())
            .body()
            .getBytes(StandardCharsets.UTF_8);
      case "ofByteArray":
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
      case "sendAsync":
        return client
            .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
            .thenApply(HttpResponse::body)
            .get();
      case "ofInputStream":
        try (InputStream in =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          byte[] buf = new byte[100];
          int n;
          while ((n = in.read(buf)) > 0) {
            bytes.write(buf, 0, n);
          }
          return bytes.toByteArray();
        }
      case "ofInputStreamClosedEarly":
        try (InputStream in =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
          byte[] first = new byte[64];
          int n = in.readNBytes(first, 0, first.length);
          return java.util.Arrays.copyOf(first, n);
        }
      case "arrivalTimes":
        // Milliseconds from the send to the arrival of each line of a streamed body.
        long start = System.nanoTime();
        StringBuilder times = new StringBuilder();
        try (java.io.BufferedReader reader =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body(),
                    StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (!line.isEmpty()) {
              times.append((System.nanoTime() - start) / 1_000_000).append(' ');
            }
          }
        }
        return times.toString().trim().getBytes(StandardCharsets.UTF_8);
      case "ofLines":
        return client
            .send(request, HttpResponse.BodyHandlers.ofLines())
            .body()
            .map(l -> l + "\n")
            .collect(Collectors.joining())
            .getBytes(StandardCharsets.UTF_8);
      case "requestPublisher":
        // Whether the request a response reports holds the application's own body publisher.
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        boolean same =
            response.request().bodyPublisher().orElse(null) == request.bodyPublisher().orElse(null);
        return (response.body() + " same publisher: " + same).getBytes(StandardCharsets.UTF_8);
      case "ofPublisher":
        return collect(client.send(request, HttpResponse.BodyHandlers.ofPublisher()).body());
      case "ofFile":
        Path file = Files.createTempFile("jdk-client-app", ".body");
        try {
          return Files.readAllBytes(
              client.send(request, HttpResponse.BodyHandlers.ofFile(file)).body());
        } finally {
          Files.deleteIfExists(file);
        }
      case "customSubscriber":
        Collector collector = new Collector();
        client.send(request, HttpResponse.BodyHandlers.fromSubscriber(collector, Collector::bytes));
        return collector.done.get();
      default:
        throw new IllegalArgumentException("unknown handler " + handler);
    }
  }

  private static byte[] collect(Flow.Publisher<List<ByteBuffer>> publisher) throws Exception {
    Collector collector = new Collector();
    publisher.subscribe(collector);
    return collector.done.get();
  }

  /** A plain Flow subscriber of the application's own, as a custom handler would use. */
  static final class Collector implements Flow.Subscriber<List<ByteBuffer>> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<byte[]> done = new CompletableFuture<>();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      for (ByteBuffer b : item) {
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        bytes.writeBytes(copy);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      done.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      done.complete(bytes.toByteArray());
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }

  /** What an operator's JMX console shows of the agent's counters, or "none". */
  static String agentCounters() throws Exception {
    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    javax.management.ObjectName name = new javax.management.ObjectName("dev.tapes:type=Agent");
    for (int i = 0; i < 50 && !server.isRegistered(name); i++) {
      Thread.sleep(100);
    }
    if (!server.isRegistered(name)) {
      return "none";
    }
    // Exchanges are processed in the background: wait until each has been accounted for.
    for (int i = 0; i < 50; i++) {
      long captured = (Long) server.getAttribute(name, "Captured");
      long settled =
          (Long) server.getAttribute(name, "Turns") + (Long) server.getAttribute(name, "Dropped");
      if (captured == settled) {
        break;
      }
      Thread.sleep(100);
    }
    StringBuilder out = new StringBuilder();
    for (String attribute : List.of("Captured", "Turns", "Published", "Dropped", "QueueDepth")) {
      out.append(attribute).append('=').append(server.getAttribute(name, attribute)).append(' ');
    }
    javax.management.openmbean.TabularData byReason =
        (javax.management.openmbean.TabularData) server.getAttribute(name, "DroppedByReason");
    java.util.TreeMap<String, Object> reasons = new java.util.TreeMap<>();
    for (Object row : byReason.values()) {
      javax.management.openmbean.CompositeData d = (javax.management.openmbean.CompositeData) row;
      reasons.put((String) d.get("key"), d.get("value"));
    }
    return out.append("DroppedByReason=").append(reasons).toString();
  }

  /** The CPU time of every thread of this JVM so far, the agent's among them. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
