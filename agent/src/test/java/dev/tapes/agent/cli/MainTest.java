package dev.tapes.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.agent.Fixtures;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: commands, help, and one-line errors with exit code 2. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String stdin, String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void versionPrintsTheAgentVersion() {
    assertEquals(0, run("", "version"));
    assertTrue(stdout().matches("tapes-agent \\S+\\n"), stdout());
  }

  @Test
  void noCommandPrintsUsageAndExitsTwo() {
    assertEquals(2, run(""));
    assertTrue(stderr().startsWith("Usage: java -jar tapes-agent.jar <command>"), stderr());
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("nodes", "hash", "tail")) {
      out.reset();
      assertEquals(0, run("", command, "--help"));
      assertTrue(stdout().startsWith("Usage: java -jar tapes-agent.jar " + command), stdout());
    }
    out.reset();
    assertEquals(0, run("", "--help"));
    assertTrue(stdout().contains("nodes"));
  }

  @Test
  void badArgumentsGiveOneLineAndExitTwo() {
    assertOneLineError(run("", "frobnicate"), "unknown command 'frobnicate'");
    assertOneLineError(
        run("", "nodes", "--provider", "gemini", "--request", "x", "--response", "y"),
        "unknown provider 'gemini'");
    assertOneLineError(run("", "nodes", "--provider", "openai"), "missing --request");
    assertOneLineError(run("", "nodes", "--provider"), "option --provider needs a value");
    assertOneLineError(run("", "nodes", "--color", "red"), "unknown option '--color'");
    assertOneLineError(
        run(
            "",
            "nodes",
            "--provider",
            "openai",
            "--request",
            "/no/such/file",
            "--response",
            "/no/such"),
        "no such file: /no/such/file");
  }

  @Test
  void tailRefusesBadArgumentsInOneLine() {
    assertOneLineError(run("", "tail"), "missing --brokers");
    assertOneLineError(
        run("", "tail", "--brokers", "127.0.0.1:9092", "--timeout", "soon"),
        "--timeout must be a whole number of seconds from 1 to 86400");
    assertOneLineError(
        run("", "tail", "--brokers", "127.0.0.1:9092", "--exit-when-idle", "0"),
        "--exit-when-idle must be a whole number of seconds from 1 to 86400");
    assertOneLineError(
        run("", "tail", "--brokers", "127.0.0.1:9092", "--colour"), "unknown option '--colour'");
    assertOneLineError(run("", "tail", "--brokers", "not a list"), "--brokers: ");
    assertEquals("", stdout());
  }

  @Test
  void tailDrawsTheEventsOfAFile(@TempDir Path tmp) throws Exception {
    String examples = "src/test/resources/examples/";
    assertEquals(
        0,
        run(
            "",
            "nodes",
            "--provider",
            "openai",
            "--request",
            examples + "weather.request.json",
            "--response",
            examples + "weather.response.sse"));
    Path events = Files.writeString(tmp.resolve("events.jsonl"), stdout());
    out.reset();
    assertEquals(0, run("", "tail", "--file", events.toString(), "--no-color"), stderr());
    String[] lines = stdout().split("\n");
    assertTrue(lines[0].startsWith("conversation "), stdout());
    assertTrue(lines[1].matches("system +You answer in one sentence\\."), lines[1]);
    assertTrue(lines[2].matches(" *user +What is the weather in Paris\\?"), lines[2]);
    assertTrue(
        lines[3].matches(" *assistant +→ get_weather\\(\\{\"city\":\"Paris\"}\\) .*"), lines[3]);
    assertOneLineError(
        run("", "tail", "--file", tmp.resolve("missing.jsonl").toString()), "cannot read ");
    assertOneLineError(
        run("", "tail", "--file", events.toString(), "--brokers", "127.0.0.1:9092"),
        "--file and --brokers do not go together");
  }

  @Test
  void hashReportsTheBadLineByNumberAfterPrintingEarlierHashes() {
    int code =
        run(
            "{\"parent\":\"\",\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}\n\n{oops\n",
            "hash");
    assertEquals(2, code);
    assertEquals("af300c6bb7b341e43949236e3a34c210e868664b3c07a8287ca74a5943863bd5\n", stdout());
    assertTrue(stderr().startsWith("tapes-agent hash: line 3: "), stderr());
  }

  @Test
  void nodesPrintsEveryNodeOfTheTurnRootFirst(@TempDir Path dir) throws Exception {
    Path request = Fixtures.path("openai_chat/toolcalls-2.request.json");
    Path response = Fixtures.path("openai_chat/toolcalls-2.response.json");
    int code =
        run(
            "",
            "nodes",
            "--provider",
            "openai",
            "--request",
            request.toString(),
            "--response",
            response.toString(),
            "--project",
            "billing",
            "--agent-name",
            "support-bot");
    assertEquals(0, code, stderr());
    String[] lines = stdout().split("\n");
    assertEquals(6, lines.length);
    JsonObject root = JsonReader.parse(lines[0]).asObject();
    JsonObject head = JsonReader.parse(lines[5]).asObject();
    String rootHash = root.object("node").string("hash");
    assertEquals("f3baab10309a7242825d1c19abb5ff0d5e4899f26a63fb48c7c676e1b6d3926c", rootHash);
    assertEquals("tapes.node.v1", head.string("schema"));
    assertEquals(rootHash, head.string("root_hash"));
    assertTrue(root.object("node").get("parent_hash").isNull());
    assertEquals(
        JsonReader.parse(lines[4]).asObject().object("node").string("hash"),
        head.object("node").string("parent_hash"));
    assertEquals("billing", head.object("node").string("project"));
    assertEquals("support-bot", head.object("node").object("bucket").string("agent_name"));
    assertEquals("openai", head.object("node").object("bucket").string("provider"));
    assertEquals("stop", head.object("node").string("stop_reason"));
    assertTrue(head.object("node").object("usage").longValue("total_tokens") > 0);
    assertEquals(null, root.object("node").get("stop_reason"));
    assertTrue(
        head.string("occurred_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
        head.string("occurred_at"));
  }

  @Test
  void nodesReportsAnExchangeThatIsNotATurn(@TempDir Path dir) throws Exception {
    Path request = Files.writeString(dir.resolve("req.json"), "{\"messages\":[]}");
    Path response = Files.writeString(dir.resolve("resp.json"), "<html>bad gateway</html>");
    int code =
        run(
            "",
            "nodes",
            "--provider",
            "openai",
            "--request",
            request.toString(),
            "--response",
            response.toString());
    assertEquals(1, code);
    assertTrue(stderr().startsWith("tapes-agent nodes: not a turn: reducer_error"), stderr());
    assertEquals("", stdout());
  }

  private void assertOneLineError(int code, String expected) {
    assertEquals(2, code);
    String e = stderr();
    assertTrue(e.contains(expected), e);
    assertEquals(1, e.split("\n").length, e);
    err.reset();
  }
}
