package dev.tapes.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration: system property over environment over default; bad values fall back. */
class AgentConfigTest {
  private final List<String> problems = new ArrayList<>();

  private AgentConfig config(Map<String, String> properties, Map<String, String> environment) {
    return AgentConfig.from(properties::get, environment::get, problems::add);
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    AgentConfig c = config(Map.of(), Map.of());
    assertEquals(true, c.get(Settings.ENABLED));
    assertEquals("tapes-events.jsonl", c.get(Settings.FILE));
    assertEquals(32L * 1024 * 1024, c.get(Settings.MAX_BODY_BYTES));
    assertEquals("info", c.get(Settings.LOG_LEVEL));
    assertEquals(List.of(), problems);
  }

  @Test
  void systemPropertyWinsOverEnvironmentVariable() {
    AgentConfig c =
        config(
            Map.of("tapes.file", "from-property.jsonl"),
            Map.of("TAPES_FILE", "from-env.jsonl", "TAPES_PROJECT", "billing"));
    assertEquals("from-property.jsonl", c.get(Settings.FILE));
    assertEquals("billing", c.get(Settings.PROJECT));
  }

  @Test
  void badValuesAreReportedInOneLineAndFallBackToTheDefault() {
    AgentConfig c =
        config(
            Map.of("tapes.queue.capacity", "lots", "tapes.log.level", "verbose"),
            Map.of("TAPES_ENABLED", "yes"));
    assertEquals(1000L, c.get(Settings.QUEUE_CAPACITY));
    assertEquals("info", c.get(Settings.LOG_LEVEL));
    assertEquals(true, c.get(Settings.ENABLED));
    assertEquals(
        List.of(
            "invalid value 'yes' for TAPES_ENABLED (expected true or false); using the default true",
            "invalid value 'lots' for tapes.queue.capacity (expected a whole number from 1 to 1000000); using the default 1000",
            "invalid value 'verbose' for tapes.log.level (expected one of off, error, warn, info, debug); using the default info"),
        problems);
  }

  @Test
  void numbersOutsideTheirRangeAreRejected() {
    AgentConfig c = config(Map.of("tapes.capture.max.body.bytes", "12"), Map.of());
    assertEquals(32L * 1024 * 1024, c.get(Settings.MAX_BODY_BYTES));
    assertEquals(1, problems.size());
  }

  /** The README's table is generated from the definitions, so the two cannot drift apart. */
  @Test
  void readmeListsEveryPropertyAsDefined() throws IOException {
    Path readme = Paths.get(System.getProperty("tapes.readme", "../README.md"));
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertTrue(
        text.contains(Settings.markdownTable()),
        "README.md must contain this table (regenerate it from Settings.markdownTable()):\n"
            + Settings.markdownTable());
  }
}
