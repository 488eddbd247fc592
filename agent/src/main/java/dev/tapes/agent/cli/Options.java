package dev.tapes.agent.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of one command; unknown names and missing values are errors. */
final class Options {
  private final Map<String, String> values;
  private final boolean help;

  private Options(Map<String, String> values, boolean help) {
    this.values = values;
    this.help = help;
  }

  static Options parse(String[] args, String... known) throws UsageException {
    List<String> names = Arrays.asList(known);
    Map<String, String> values = new HashMap<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (Main.isHelp(arg)) {
        help = true;
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!names.contains(name)) {
        throw new UsageException("unknown option '" + arg + "' (try --help)");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("option " + name + " needs a value");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    return new Options(values, help);
  }

  boolean help() {
    return help;
  }

  String get(String name) {
    return values.get(name);
  }

  String required(String name) throws UsageException {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("missing " + name + " (try --help)");
    }
    return v;
  }
}
