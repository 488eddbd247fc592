package dev.tapes.agent.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The agent's effective configuration: each {@link Setting} read once from system properties, then
 * the environment, then its default. A value that is not accepted is reported in one line and
 * replaced by the default; configuration never stops the application from starting.
 */
public final class AgentConfig {
  private final Map<Setting<?>, Object> values = new HashMap<>();
  private final Map<Setting<?>, String> origins = new HashMap<>();

  private AgentConfig() {}

  /** Reads the configuration of this JVM. */
  public static AgentConfig fromEnvironment(Consumer<String> problems) {
    return from(System::getProperty, System::getenv, problems);
  }

  /**
   * Reads the configuration from the given lookups.
   *
   * @param properties system-property lookup (name to value, or null)
   * @param environment environment-variable lookup (name to value, or null)
   * @param problems receives one line per rejected value
   */
  public static AgentConfig from(
      Function<String, String> properties,
      Function<String, String> environment,
      Consumer<String> problems) {
    AgentConfig config = new AgentConfig();
    for (Setting<?> s : Settings.ALL) {
      config.read(s, properties, environment, problems);
    }
    return config;
  }

  private <T> void read(
      Setting<T> s,
      Function<String, String> properties,
      Function<String, String> environment,
      Consumer<String> problems) {
    String origin = s.name();
    String raw = properties.apply(s.name());
    if (raw == null) {
      origin = s.environmentName();
      raw = environment.apply(s.environmentName());
    }
    T value = s.defaultValue();
    String from = "default";
    if (raw != null) {
      T parsed = s.parse(raw);
      if (parsed == null) {
        from = "default; " + (s.isSecret() ? "the value" : "'" + raw + "'") + " rejected";
        problems.accept(
            "invalid value '"
                + (s.isSecret() ? "***" : raw)
                + "' for "
                + origin
                + " (expected "
                + s.accepts()
                + "); using the default "
                + s.defaultText().replace("`", ""));
      } else {
        value = parsed;
        from = origin.equals(s.name()) ? "system property" : "environment " + origin;
      }
    }
    values.put(s, value);
    origins.put(s, from);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> s) {
    return (T) values.get(s);
  }

  /** Where the value of {@code s} came from: a system property, the environment, the default. */
  public String origin(Setting<?> s) {
    return origins.get(s);
  }

  /**
   * Producer settings given as {@code tapes.kafka.producer.NAME} system properties or {@code
   * TAPES_KAFKA_PRODUCER_NAME} environment variables (underscores read as dots).
   */
  public static Map<String, String> producerSettings() {
    Map<String, String> out = new TreeMap<>();
    String envPrefix = Setting.environmentName(Settings.KAFKA_PRODUCER_PREFIX);
    System.getenv()
        .forEach(
            (name, value) -> {
              if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                out.put(
                    name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                    value);
              }
            });
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(Settings.KAFKA_PRODUCER_PREFIX)
          && name.length() > Settings.KAFKA_PRODUCER_PREFIX.length()) {
        out.put(name.substring(Settings.KAFKA_PRODUCER_PREFIX.length()), System.getProperty(name));
      }
    }
    return out;
  }
}
