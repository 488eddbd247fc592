package dev.tapes.agent.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The agent's effective configuration: each {@link Setting} read once from system properties, then
 * the environment, then its default. A value that is not accepted is reported in one line and
 * replaced by the default; configuration never stops the application from starting.
 */
public final class AgentConfig {
  private final Map<Setting<?>, Object> values = new HashMap<>();

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
    if (raw != null) {
      T parsed = s.parse(raw);
      if (parsed == null) {
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
      }
    }
    values.put(s, value);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> s) {
    return (T) values.get(s);
  }
}
