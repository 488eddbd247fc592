package dev.tapes.it;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The class path that child JVMs of the tests and harnesses run their applications on. */
public final class TestClassPath {
  private TestClassPath() {}

  /**
   * The class path of these tests for a child JVM, without the agent's own module: an application
   * must meet the agent only through {@code -javaagent}, as in production. (The tests run with that
   * module left out; the measurement harnesses, started by Maven with the whole test class path,
   * have it.)
   */
  public static String forChildJvm() {
    String all =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> kept = new ArrayList<>();
    for (String entry : all.split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      boolean agentModule =
          name.startsWith("tapes-agent-") && name.endsWith(".jar")
              || entry.replace('\\', '/').endsWith("/agent/target/classes");
      if (!agentModule) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }
}
