package dev.tapes.agent.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and {@code --name} flags of one command; unknown names and missing
 * values are errors.
 */
final class Options {
  private final Map<String, String> values;
  private final Set<String> flags;
  private final boolean help;

  private Options(Map<String, String> values, Set<String> flags, boolean help) {
    this.values = values;
    this.flags = flags;
    this.help = help;
  }

  static Options parse(String[] args, String... known) throws UsageException {
    return parse(args, Collections.emptyList(), known);
  }

  /** Parses options that take a value ({@code known}) and flags that take none. */
  static Options parse(String[] args, List<String> knownFlags, String... known)
      throws UsageException {
    List<String> names = Arrays.asList(known);
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (Main.isHelp(arg)) {
        help = true;
        continue;
      }
      if (knownFlags.contains(arg)) {
        flags.add(arg);
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
    return new Options(values, flags, help);
  }

  boolean help() {
    return help;
  }

  boolean flag(String name) {
    return flags.contains(name);
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
