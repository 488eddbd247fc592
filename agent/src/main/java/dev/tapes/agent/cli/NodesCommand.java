package dev.tapes.agent.cli;

import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.TurnParser;
import dev.tapes.agent.publish.NodeEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

/** {@code nodes}: one recorded exchange in, every node of its turn out, root first. */
final class NodesCommand {
  private static final String HELP =
      String.join(
          "\n",
          "Usage: java -jar tapes-agent.jar nodes --provider openai|anthropic|ollama \\",
          "           --request FILE --response FILE [--project X] [--agent-name Y]",
          "",
          "Prints the tapes.node.v1 event of every node of one exchange, one JSON line each,",
          "root first. The response may be JSON, server-sent events or NDJSON, plain or gzip.",
          "",
          "  --provider    wire format: openai (Chat Completions or Responses), anthropic, ollama",
          "  --request     file holding the request body",
          "  --response    file holding the response body",
          "  --project     value of 'project' on every node",
          "  --agent-name  value of 'agent_name' on every bucket",
          "",
          "Exit codes: 0 events printed, 1 the exchange is not a turn (reason on stderr),",
          "2 bad arguments or unreadable files.");

  private final PrintStream out;
  private final PrintStream err;

  NodesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    try {
      return runOrThrow(args);
    } catch (UsageException e) {
      err.println("tapes-agent nodes: " + e.getMessage());
      return Main.USAGE;
    }
  }

  private int runOrThrow(String[] args) throws UsageException {
    Options options =
        Options.parse(args, "--provider", "--request", "--response", "--project", "--agent-name");
    if (options.help()) {
      out.println(HELP);
      return Main.OK;
    }
    String providerName = options.required("--provider");
    Provider provider = Provider.fromWireName(providerName);
    if (provider == null) {
      throw new UsageException(
          "unknown provider '" + providerName + "' (expected openai, anthropic or ollama)");
    }
    byte[] request = readFile(options.required("--request"));
    Path responsePath = existingFile(options.required("--response"));

    TurnParser.Result result;
    try (InputStream response = new BufferedInputStream(Files.newInputStream(responsePath))) {
      result = TurnParser.parse(provider, request, response);
    } catch (IOException e) {
      throw new UsageException("cannot read " + responsePath + ": " + e.getMessage());
    }
    if (result.turn() == null) {
      err.println(
          "tapes-agent nodes: not a turn: "
              + result.dropReason().wireName()
              + " ("
              + result.detail()
              + ")");
      return Main.FAILED;
    }

    Instant now = Instant.now();
    for (NodeEvent event :
        NodeEvent.forTurn(
            result.turn(),
            new NodeHasher(),
            options.get("--project"),
            options.get("--agent-name"),
            now)) {
      out.println(event.toJson());
    }
    return Main.OK;
  }

  private static byte[] readFile(String name) throws UsageException {
    Path path = existingFile(name);
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UsageException("cannot read " + path + ": " + e.getMessage());
    }
  }

  private static Path existingFile(String name) throws UsageException {
    Path path = Paths.get(name);
    if (!Files.isRegularFile(path)) {
      throw new UsageException("no such file: " + name);
    }
    if (!Files.isReadable(path)) {
      throw new UsageException("cannot read " + name + ": permission denied");
    }
    return path;
  }
}
