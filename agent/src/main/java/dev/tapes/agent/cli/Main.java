package dev.tapes.agent.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar tapes-agent.jar}: the agent's command line, for checking, back-filling and
 * debugging without attaching it to an application.
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      String.join(
          "\n",
          "Usage: java -jar tapes-agent.jar <command> [options]",
          "",
          "Commands:",
          "  nodes     turn one recorded exchange into tapes.node.v1 events, one JSON line per node",
          "  hash      hash nodes read as JSON lines from standard input",
          "  tail      follow a Kafka topic and draw its conversations as trees",
          "  doctor    show the agent's configuration here and check that its sink is usable",
          "  version   print the agent version",
          "",
          "Run 'java -jar tapes-agent.jar <command> --help' for a command's options.",
          "Attach to an application with -javaagent:tapes-agent.jar (see the README).");

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs a command with the given streams and returns its exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0])) {
      (args.length == 0 ? err : out).println(USAGE_TEXT);
      return args.length == 0 ? USAGE : OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "nodes":
        return new NodesCommand(out, err).run(rest);
      case "hash":
        return new HashCommand(in, out, err).run(rest);
      case "tail":
        return new TailCommand(out, err, out == System.out && isTerminal()).run(rest);
      case "doctor":
        return new DoctorCommand(out, err).run(rest);
      case "version":
      case "--version":
        out.println("tapes-agent " + Version.current());
        return OK;
      default:
        err.println(
            "tapes-agent: unknown command '"
                + args[0]
                + "' (expected nodes, hash, tail, doctor or version; try --help)");
        return USAGE;
    }
  }

  /**
   * Whether standard output is a terminal. From JDK 22 a console exists without one, and {@code
   * Console.isTerminal()} tells.
   */
  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException before22) {
      return true;
    } catch (ReflectiveOperationException | ClassCastException e) {
      return false;
    }
  }

  static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }
}
