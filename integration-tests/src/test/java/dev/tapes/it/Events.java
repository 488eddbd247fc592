package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and compares {@code tapes.node.v1} event lines without a JSON library. */
final class Events {
  private static final Pattern OCCURRED_AT = Pattern.compile("\"occurred_at\":\"[^\"]*\",");
  private static final Pattern HASH = Pattern.compile("\"node\":\\{\"hash\":\"([0-9a-f]{64})\"");
  private static final Pattern PARENT =
      Pattern.compile("\"parent_hash\":(null|\"([0-9a-f]{64})\")");

  private Events() {}

  /** The event without its timestamp, the only part that differs between two runs. */
  static String timeless(String event) {
    return OCCURRED_AT.matcher(event).replaceFirst("");
  }

  static String hash(String event) {
    Matcher m = HASH.matcher(event);
    return m.find() ? m.group(1) : null;
  }

  /** The parent hash, or "" for a root. */
  static String parent(String event) {
    Matcher m = PARENT.matcher(event);
    if (!m.find()) {
      return null;
    }
    return m.group(2) == null ? "" : m.group(2);
  }

  static List<String> read(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
    }
    return out;
  }

  /** Keeps the first event of each node, as an agent publishing each node once does. */
  static List<String> firstOfEachNode(List<String> events) {
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String e : events) {
      if (seen.add(hash(e))) {
        out.add(e);
      }
    }
    return out;
  }

  static void assertSameEvents(List<String> expected, List<String> actual) {
    List<String> e = new ArrayList<>();
    expected.forEach(x -> e.add(timeless(x)));
    List<String> a = new ArrayList<>();
    actual.forEach(x -> a.add(timeless(x)));
    assertEquals(String.join("\n", e), String.join("\n", a));
  }
}
