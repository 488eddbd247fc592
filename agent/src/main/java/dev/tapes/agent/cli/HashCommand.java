package dev.tapes.agent.cli;

import dev.tapes.agent.dag.Block;
import dev.tapes.agent.dag.BlockJson;
import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.llm.LineSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hash}: reads {@code {"parent": ..., "role": ..., "content": [blocks]}} lines and prints
 * each node's hash on its own line, in order. Blank lines are skipped.
 */
final class HashCommand {
  private static final String HELP =
      String.join(
          "\n",
          "Usage: java -jar tapes-agent.jar hash < nodes.jsonl",
          "",
          "Reads one node per line as JSON: {\"parent\": \"<hash or empty>\", \"role\": \"...\",",
          "\"content\": [blocks]} with blocks in the node format (type, text, tool_use_id,",
          "tool_input, ...), and prints each node's hash on its own line, in input order.",
          "",
          "Exit codes: 0 every line hashed, 2 a line that is not such an object (reported with",
          "its line number; the hashes of earlier lines are printed).");

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  HashCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    try {
      Options options = Options.parse(args);
      if (options.help()) {
        out.println(HELP);
        return Main.OK;
      }
    } catch (UsageException e) {
      err.println("tapes-agent hash: " + e.getMessage());
      return Main.USAGE;
    }

    NodeHasher hasher = new NodeHasher();
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
    long lineNumber = 0;
    try {
      LineSource lines = new LineSource(in);
      lines.stopRecording();
      byte[] line;
      while ((line = lines.next()) != null) {
        lineNumber++;
        if (isBlank(line)) {
          continue;
        }
        String hash;
        try {
          hash = hashLine(hasher, line);
        } catch (JsonException | IllegalArgumentException e) {
          writer.flush();
          err.println("tapes-agent hash: line " + lineNumber + ": " + e.getMessage());
          return Main.USAGE;
        }
        writer.write(hash);
        writer.write('\n');
      }
      writer.flush();
      return Main.OK;
    } catch (IOException e) {
      err.println("tapes-agent hash: cannot read standard input: " + e.getMessage());
      return Main.USAGE;
    }
  }

  private static String hashLine(NodeHasher hasher, byte[] line) throws JsonException {
    JsonObject node = JsonReader.parse(line).asObject();
    if (node == null) {
      throw new JsonException("not a JSON object");
    }
    JsonValue parent = node.get("parent");
    if (parent != null && !parent.isNull() && parent.asString() == null) {
      throw new JsonException("'parent' must be a string");
    }
    String role = node.string("role");
    if (role == null) {
      throw new JsonException("'role' must be a string");
    }
    JsonArray content = node.array("content");
    JsonValue rawContent = node.get("content");
    if (content == null && rawContent != null && !rawContent.isNull()) {
      throw new JsonException("'content' must be an array of blocks");
    }
    List<Block> blocks = new ArrayList<>();
    if (content != null) {
      for (JsonValue v : content.elements()) {
        JsonObject block = v.asObject();
        if (block == null) {
          throw new JsonException("every block of 'content' must be an object");
        }
        blocks.add(BlockJson.read(block));
      }
    }
    return hasher.hash(parent == null || parent.isNull() ? "" : parent.asString(), role, blocks);
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
