package dev.tapes.agent.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration property: its name, what it accepts, its default and a sentence for the docs.
 * Values come from a system property, else the environment variable of the same name in upper case
 * with dots as underscores, else the default.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
  private final String name;
  private final String defaultText;
  private final T defaultValue;
  private final String accepts;
  private final String doc;
  private final Function<String, T> parser;
  private final boolean secret;

  private Setting(
      String name,
      T defaultValue,
      String defaultText,
      String accepts,
      String doc,
      Function<String, T> parser,
      boolean secret) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.accepts = accepts;
    this.doc = doc;
    this.parser = parser;
    this.secret = secret;
  }

  /** A setting whose parser returns null for a value it does not accept. */
  static <T> Setting<T> of(
      String name,
      T defaultValue,
      String defaultText,
      String accepts,
      String doc,
      Function<String, T> parser) {
    return new Setting<>(name, defaultValue, defaultText, accepts, doc, parser, false);
  }

  static Setting<String> text(String name, String defaultValue, String doc) {
    return of(
        name,
        defaultValue,
        defaultValue == null || defaultValue.isEmpty() ? "none" : "`" + defaultValue + "`",
        "any text",
        doc,
        v -> v);
  }

  static Setting<Boolean> bool(String name, boolean defaultValue, String doc) {
    return of(
        name,
        defaultValue,
        "`" + defaultValue + "`",
        "true or false",
        doc,
        v -> {
          String s = v.trim().toLowerCase(Locale.ROOT);
          return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
        });
  }

  static Setting<Long> number(String name, long defaultValue, long min, long max, String doc) {
    return of(
        name,
        defaultValue,
        "`" + defaultValue + "`",
        "a whole number from " + min + " to " + max,
        doc,
        v -> {
          try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            return n >= min && n <= max ? n : null;
          } catch (NumberFormatException e) {
            return null;
          }
        });
  }

  static Setting<String> choice(String name, String defaultValue, String doc, String... choices) {
    return of(
        name,
        defaultValue,
        "`" + defaultValue + "`",
        "one of " + String.join(", ", choices),
        doc,
        v -> {
          String s = v.trim().toLowerCase(Locale.ROOT);
          for (String c : choices) {
            if (c.equals(s)) {
              return c;
            }
          }
          return null;
        });
  }

  public String name() {
    return name;
  }

  /** The environment variable that also sets this property. */
  public String environmentName() {
    return environmentName(name);
  }

  public static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** The default as the docs show it. */
  public String defaultText() {
    return defaultText;
  }

  /** What the property accepts, as the docs and error messages say it. */
  public String accepts() {
    return accepts;
  }

  public String doc() {
    return doc;
  }

  public boolean isSecret() {
    return secret;
  }

  /** Parses a raw value; null when it is not accepted. */
  T parse(String raw) {
    return parser.apply(raw);
  }
}
