package dev.tapes.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.agent.Fixtures;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every LLM span of a real Claude session, hashed by tapes' Go code, hashes the same through the
 * {@code hash} command: {@code hash(parent_hash, "assistant", output) == node_hash}.
 */
class GoldenDeriveTest {
  @Test
  void everyLlmSpanReproducesItsGoComputedNodeHash() throws Exception {
    Map<String, String> parentOf = new HashMap<>();
    List<JsonObject> spans = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(
                    Files.newInputStream(
                        Fixtures.path("tapes/derive/golden-derive-cb9a87e5.txt.gz"))),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        int space = line.indexOf(' ');
        String label = line.substring(0, space);
        JsonObject value = JsonReader.parse(line.substring(space + 1)).asObject();
        if (label.startsWith("node[")) {
          parentOf.put(value.string("hash"), value.string("parent_hash"));
        } else if (label.contains(".span[")
            && "llm".equals(value.string("kind"))
            && value.string("node_hash") != null
            && !value.string("node_hash").isEmpty()) {
          spans.add(value);
        }
      }
    }

    StringBuilder input = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (JsonObject span : spans) {
      String hash = span.string("node_hash");
      JsonValue output = span.get("output");
      input
          .append("{\"parent\":\"")
          .append(parentOf.get(hash))
          .append("\",\"role\":\"assistant\",\"content\":")
          .append(output.rawText())
          .append("}\n");
      expected.add(hash);
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            new String[] {"hash"},
            new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, "UTF-8"),
            new PrintStream(err, true, "UTF-8"));

    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEquals(85, spans.size(), "llm spans with a node hash in the golden file");
    assertEquals(expected, Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")));
  }
}
