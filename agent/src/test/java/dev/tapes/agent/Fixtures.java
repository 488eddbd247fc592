package dev.tapes.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared fixture corpus, found through the {@code tapes.fixtures} system property. */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    String dir = System.getProperty("tapes.fixtures", "../../shared/fixtures");
    Path root = Paths.get(dir).toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(root), "fixture corpus not found at " + root);
    return root;
  }

  public static Path path(String relative) {
    Path p = root().resolve(relative);
    assertTrue(Files.isRegularFile(p), "fixture missing: " + p);
    return p;
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
