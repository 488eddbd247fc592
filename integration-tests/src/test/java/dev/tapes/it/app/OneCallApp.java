package dev.tapes.it.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Makes one chat call with the JDK client and prints its peak resident set size, as read from
 * {@code /proc/self/status} ({@code VmHWM}, in kB) just before it exits.
 */
public final class OneCallApp {
  private OneCallApp() {}

  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(args[0] + "/v1/chat/completions"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build();
    int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    String hwm =
        Files.readAllLines(Paths.get("/proc/self/status")).stream()
            .filter(l -> l.startsWith("VmHWM:"))
            .map(l -> l.replaceAll("[^0-9]", ""))
            .findFirst()
            .orElse("0");
    System.out.println("status=" + status + " peak_rss_kb=" + hwm);
  }
}
