package dev.tapes.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The applications under {@code apps/}, each started on the class path a real one would have: its
 * own classes and the libraries its module resolved, nothing of the tests'.
 */
final class Apps {
  static final Path DIR = Paths.get(System.getProperty("tapes.apps"));

  /** The OkHttp versions the OkHttp application runs on, by the module holding their libraries. */
  static final List<String> OKHTTP_VERSIONS = List.of("3.14.9", "4.12.0", "5.5.1");

  private Apps() {}

  /** The OkHttp application's classes with the libraries of one OkHttp version. */
  static String okhttpClassPath(String version) throws Exception {
    String libs;
    if (version.equals("3.14.9")) {
      libs = "okhttp-app";
    } else if (version.equals("3.12.13")) {
      libs = "okhttp-3.12";
    } else {
      libs = "okhttp-" + version.substring(0, 1);
    }
    return classPath(DIR.resolve("okhttp-app/target/classes"), DIR.resolve(libs + "/target/libs"));
  }

  /** An application module's classes and libraries. */
  static String classPath(String module) throws Exception {
    return classPath(DIR.resolve(module + "/target/classes"), DIR.resolve(module + "/target/libs"));
  }

  private static String classPath(Path classes, Path libs) throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(classes.toString());
    try (Stream<Path> jars = Files.list(libs)) {
      jars.map(Path::toString).sorted().forEach(entries::add);
    }
    return String.join(File.pathSeparator, entries);
  }

  /** {@code java [options] -cp classPath mainClass args}. */
  static List<String> command(
      Path java, List<String> options, String classPath, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }
}
