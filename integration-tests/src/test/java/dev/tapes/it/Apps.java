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

  /** The Apache HttpClient 4 and 5 versions the Apache applications run on: oldest and newest. */
  static final List<String> APACHE_VERSIONS = List.of("4.5.13", "4.5.14", "5.1.3", "5.6.5");

  private Apps() {}

  /**
   * The Apache HttpClient application for one version's major (compiled against its oldest tested
   * version) with the libraries of that version.
   */
  static String apacheClassPath(String version) throws Exception {
    String app = version.startsWith("4.") ? "apache4-app" : "apache5-app";
    String libs;
    if (version.equals("4.5.13") || version.equals("5.1.3")) {
      libs = app;
    } else if (version.startsWith("4.")) {
      libs = "apache4-" + version;
    } else {
      libs = "apache5-" + version.substring(0, version.lastIndexOf('.'));
    }
    return classPath(DIR.resolve(app + "/target/classes"), DIR.resolve(libs + "/target/libs"));
  }

  /** The main class of the Apache HttpClient application for a version. */
  static String apacheMainClass(String version) {
    return version.startsWith("4.")
        ? "dev.tapes.it.apps.Apache4App"
        : "dev.tapes.it.apps.Apache5App";
  }

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
