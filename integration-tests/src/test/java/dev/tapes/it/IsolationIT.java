package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's dependencies are invisible to the application: an application with its own, different
 * versions of them runs unchanged, and the agent adds one start-up line to stderr.
 */
class IsolationIT {
  /** HotSpot's notice that appending to the boot class path turns off class data sharing. */
  static final String CDS_NOTICE =
      "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes because bootstrap classpath has been appended";

  @TempDir Path tmp;

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void applicationWithItsOwnVersionsRunsUnchanged(Path java) throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Jvm.Result plain = run(java, List.of());
    Jvm.Result withAgent =
        run(java, List.of("-javaagent:" + Jvm.AGENT_JAR, "-Dtapes.file=" + events));

    assertEquals(0, withAgent.code, withAgent.err);
    assertEquals(plain.out, withAgent.out);
    assertTrue(plain.out.contains("jackson 2.17.2"), plain.out);
    assertTrue(plain.out.contains("slf4j slf4j-api-1.7.36.jar"), plain.out);
    assertTrue(plain.out.contains("bytebuddy byte-buddy-1.14.18.jar generated"), plain.out);
    assertTrue(plain.out.contains("kafka 3.7.1 true"), plain.out);

    List<String> added = new ArrayList<>(withAgent.err.lines().collect(Collectors.toList()));
    for (String line : plain.err.lines().collect(Collectors.toList())) {
      added.remove(line);
    }
    added.remove(CDS_NOTICE);
    assertEquals(1, added.size(), "stderr lines the agent added: " + added);
    assertTrue(added.get(0).startsWith("[tapes] agent "), added.get(0));
    assertEquals(2, Events.read(events).size());
  }

  /** The test classes and the application's own library versions, nothing else. */
  private static String applicationClassPath() throws Exception {
    List<String> entries = new ArrayList<>();
    entries.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
    try (Stream<Path> jars = Files.list(Paths.get(System.getProperty("tapes.conflicting.libs")))) {
      jars.map(Path::toString).sorted().forEach(entries::add);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private Jvm.Result run(Path java, List<String> options) throws Exception {
    try (LlmServer server = new LlmServer()) {
      server.enqueue(
          LlmServer.Reply.json(
              "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}"));
      List<String> command = new ArrayList<>();
      command.add(java.toString());
      command.addAll(options);
      command.addAll(
          List.of(
              "-cp",
              applicationClassPath(),
              "dev.tapes.it.app.ConflictingDepsApp",
              server.baseUrl()));
      Jvm.Result r = Jvm.run(command, new byte[0], tmp);
      assertEquals(0, r.code, r.err);
      return r;
    }
  }
}
