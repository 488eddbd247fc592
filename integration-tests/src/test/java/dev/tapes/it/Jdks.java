package dev.tapes.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java runtimes the tests start child JVMs on: the one running the build, and a JDK 25 when one
 * is installed ({@code TAPES_JDK25_HOME}, else the usual Temurin location).
 */
final class Jdks {
  private Jdks() {}

  static List<Path> javaExecutables() {
    List<Path> out = new ArrayList<>();
    out.add(Paths.get(System.getProperty("java.home"), "bin", "java"));
    String home25 = System.getenv("TAPES_JDK25_HOME");
    Path java25 =
        Paths.get(home25 != null ? home25 : "/usr/lib/jvm/temurin-25-jdk-amd64", "bin", "java");
    if (Files.isExecutable(java25) && !java25.equals(out.get(0))) {
      out.add(java25);
    }
    return out;
  }
}
