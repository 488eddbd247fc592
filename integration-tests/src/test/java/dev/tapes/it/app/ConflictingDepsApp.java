package dev.tapes.it.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application with its own Jackson, SLF4J, Byte Buddy and kafka-clients, of other versions than
 * the agent's. It uses each, prints which version it got, then makes one LLM call.
 */
public final class ConflictingDepsApp {
  private ConflictingDepsApp() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(Map.of("model", "m"));
    System.out.println(
        "jackson " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + " " + json);

    Logger log = LoggerFactory.getLogger(ConflictingDepsApp.class);
    log.info("application log line");
    System.out.println("slf4j " + jar(LoggerFactory.class));

    Class<?> generated =
        new ByteBuddy()
            .subclass(Object.class)
            .method(ElementMatchers.named("toString"))
            .intercept(FixedValue.value("generated"))
            .make()
            .load(ConflictingDepsApp.class.getClassLoader())
            .getLoaded();
    System.out.println(
        "bytebuddy "
            + jar(ByteBuddy.class)
            + " "
            + generated.getDeclaredConstructor().newInstance());

    System.out.println(
        "kafka "
            + Class.forName("org.apache.kafka.common.utils.AppInfoParser")
                .getMethod("getVersion")
                .invoke(null)
            + " "
            + ProducerConfig.configNames().contains("acks"));

    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(args[0] + "/v1/chat/completions"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build();
    System.out.println("llm " + client.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The file name of the jar a class came from. */
  private static String jar(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*/", "");
  }
}
