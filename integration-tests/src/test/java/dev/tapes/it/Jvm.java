package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a child JVM and collects what it printed. */
final class Jvm {
  static final Path AGENT_JAR = Paths.get(System.getProperty("tapes.agent.jar"));

  private Jvm() {}

  /** What one run printed and returned. */
  static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  static Result run(List<String> command, byte[] stdin, Path workDir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread outPump = pump(p.getInputStream(), out);
    Thread errPump = pump(p.getErrorStream(), err);
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + command);
    outPump.join();
    errPump.join();
    return new Result(
        p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code java [options] -cp <test classes> mainClass args}. */
  static List<String> javaCommand(
      Path java, List<String> options, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.add("-cp");
    command.add(TestClassPath.forChildJvm());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code JdkClientApp} on a script against a server, in {@code workDir}. */
  static Result jdkClientApp(
      Path java, List<String> options, String baseUrl, Path script, Path workDir, String... more)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(baseUrl, script.toString()));
    args.addAll(List.of(more));
    return run(
        javaCommand(java, options, "dev.tapes.it.app.JdkClientApp", args.toArray(new String[0])),
        new byte[0],
        workDir);
  }

  private static Thread pump(InputStream from, ByteArrayOutputStream to) {
    Thread t =
        new Thread(
            () -> {
              try {
                from.transferTo(to);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    t.start();
    return t;
  }
}
