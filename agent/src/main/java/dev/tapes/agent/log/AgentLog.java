package dev.tapes.agent.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the agent's log lines end up: one line per event on stderr, prefixed {@code [tapes]}, never
 * a prompt's content or a secret. The agent's code logs through its relocated SLF4J, which {@link
 * AgentLoggerProvider} routes here; {@link #allow} rate-limits repeated warnings per key.
 */
public final class AgentLog {
  /** Levels, most severe first. */
  public enum Level {
    OFF,
    ERROR,
    WARN,
    INFO,
    DEBUG
  }

  private static final long REPEAT_INTERVAL_NANOS = 60_000_000_000L;

  private static volatile Level level = Level.INFO;
  private static volatile PrintStream out = System.err;
  private static final ConcurrentHashMap<String, Long> lastByKey = new ConcurrentHashMap<>();

  private AgentLog() {}

  public static void setLevel(String name) {
    level = Level.valueOf(name.toUpperCase(Locale.ROOT));
  }

  public static Level level() {
    return level;
  }

  public static boolean enabled(Level l) {
    return l != Level.OFF && l.ordinal() <= level.ordinal();
  }

  public static void error(String message) {
    log(Level.ERROR, message);
  }

  public static void warn(String message) {
    log(Level.WARN, message);
  }

  public static void info(String message) {
    log(Level.INFO, message);
  }

  public static void debug(String message) {
    log(Level.DEBUG, message);
  }

  /** True at most once a minute for the same {@code key}: guards lines that could repeat. */
  public static boolean allow(String key) {
    long now = System.nanoTime();
    Long last = lastByKey.get(key);
    if (last != null && now - last < REPEAT_INTERVAL_NANOS) {
      return false;
    }
    lastByKey.put(key, now);
    return true;
  }

  private static void log(Level l, String message) {
    if (enabled(l)) {
      out.println(
          "[tapes] " + (l == Level.INFO ? "" : l.name().toLowerCase(Locale.ROOT) + ": ") + message);
    }
  }
}
