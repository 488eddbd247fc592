package dev.tapes.agent.publish;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Producer settings given by the user, as the agent's own Kafka client needs them. */
public final class ProducerSettings {
  /** Where Kafka's classes are in the agent's own copy of kafka-clients. */
  private static final String AGENT_KAFKA =
      prefixOf(KafkaProducer.class, "clients.producer.KafkaProducer");

  /**
   * Where users name Kafka's classes. Built at run time: the agent's build rewrites constant
   * strings that name Kafka's package.
   */
  private static final String USER_KAFKA = String.join(".", "org", "apache", "kafka", "");

  private static final String[] SECRET_WORDS = {"password", "secret", "token", "jaas"};

  private ProducerSettings() {}

  /**
   * The settings with every Kafka class they name (a JAAS login module, a callback handler) renamed
   * to the agent's copy of Kafka, which is the one that will load them.
   */
  static Map<String, String> relocated(Map<String, String> settings) {
    Map<String, String> out = new TreeMap<>();
    settings.forEach(
        (name, value) ->
            out.put(
                name,
                AGENT_KAFKA.equals(USER_KAFKA) ? value : value.replace(USER_KAFKA, AGENT_KAFKA)));
    return out;
  }

  /**
   * Whether a setting's value must never be shown: passwords, secrets, tokens, the JAAS
   * configuration (which holds credentials) and keys ({@code ssl.keystore.key}).
   */
  public static boolean isSecret(String name) {
    String[] parts = name.toLowerCase(Locale.ROOT).split("\\.");
    if (parts[parts.length - 1].equals("key")) {
      return true;
    }
    for (String part : parts) {
      for (String word : SECRET_WORDS) {
        if (part.contains(word)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String prefixOf(Class<?> type, String suffix) {
    String name = type.getName();
    return name.substring(0, name.length() - suffix.length());
  }
}
