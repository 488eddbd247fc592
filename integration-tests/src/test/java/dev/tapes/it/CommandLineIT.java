package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged jar as a user runs it: {@code java -jar tapes-agent.jar ...}, on every JDK here. */
class CommandLineIT {
  private static final Path JAR = Paths.get(System.getProperty("tapes.agent.jar"));
  private static final Path FIXTURES = Paths.get(System.getProperty("tapes.fixtures"));

  @TempDir Path tmp;

  static Stream<Path> jdks() {
    return Jdks.javaExecutables().stream();
  }

  static Jvm.Result run(Path java, byte[] stdin, String... args) throws Exception {
    return runWithOptions(java, List.of(), stdin, args);
  }

  static Jvm.Result runWithOptions(Path java, List<String> jvmOptions, byte[] stdin, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    return Jvm.run(command, stdin, null);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void versionRuns(Path java) throws Exception {
    Jvm.Result r = run(java, new byte[0], "version");
    assertEquals(0, r.code, r.err);
    assertTrue(r.out.startsWith("tapes-agent "), r.out);
    assertEquals("", r.err);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void hashReproducesTheWorkedExamples(Path java) throws Exception {
    String input =
        "{\"parent\":\"\",\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}]}\n"
            + "{\"parent\":\"af300c6bb7b341e43949236e3a34c210e868664b3c07a8287ca74a5943863bd5\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Hello! How can I help you today?\"}]}\n"
            + "{\"parent\":\"af300c6bb7b341e43949236e3a34c210e868664b3c07a8287ca74a5943863bd5\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"tool_use_id\":\"call_abc123\","
            + "\"tool_name\":\"get_weather\",\"tool_input\":{\"city\":\"Paris\",\"n\":3}}]}\n";
    Jvm.Result r = run(java, input.getBytes(StandardCharsets.UTF_8), "hash");
    assertEquals(0, r.code, r.err);
    assertEquals(
        "af300c6bb7b341e43949236e3a34c210e868664b3c07a8287ca74a5943863bd5\n"
            + "3d23ae5bab9cd2118891a4f20111d89fe91fa6396ee083d02c0f7732255f3b57\n"
            + "a5542a8e8bbf89c7594883d296b99d68e3f7c2ffe947c80a3829d323927864f1\n",
        r.out);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void nodesTurnsAStreamedExchangeIntoItsChain(Path java) throws Exception {
    Path dir = FIXTURES.resolve("openai_chat");
    Jvm.Result r =
        run(
            java,
            new byte[0],
            "nodes",
            "--provider",
            "openai",
            "--request",
            dir.resolve("streamtoolcalls-1.request.json").toString(),
            "--response",
            dir.resolve("streamtoolcalls-1.response.sse").toString());
    assertEquals(0, r.code, r.err);
    String[] lines = r.out.split("\n");
    assertEquals(3, lines.length);
    assertTrue(
        lines[2].contains(
            "\"hash\":\"2e404bdd7cf5fa2672f63584e028b997f14e3f26ce40d17a06a2cd1b52f4796c\""),
        lines[2]);
    assertTrue(lines[2].contains("\"stop_reason\":\"tool_calls\""), lines[2]);
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void unreadableFileIsOneLineAndExitCodeTwo(Path java) throws Exception {
    Path dir = tmp;
    Jvm.Result r =
        run(
            java,
            new byte[0],
            "nodes",
            "--provider",
            "anthropic",
            "--request",
            dir.resolve("missing.json").toString(),
            "--response",
            dir.resolve("missing.sse").toString());
    assertEquals(2, r.code);
    assertEquals(1, r.err.split("\n").length, r.err);
    assertTrue(r.err.startsWith("tapes-agent nodes: no such file: "), r.err);
  }

  /**
   * A 30 MB stream goes through a JVM whose heap could not hold it even once as text: the parser
   * keeps one event at a time, not the body.
   */
  @ParameterizedTest
  @MethodSource("jdks")
  void aThirtyMegabyteStreamIsReducedInAHeapSmallerThanTheBody(Path java) throws Exception {
    Path dir = tmp;
    Path request = dir.resolve("request.json");
    Files.writeString(
        request, "{\"model\":\"claude-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    Path response = dir.resolve("response.sse");
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(response))) {
      write(
          out,
          "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\",\"role\":\"assistant\",\"usage\":{\"input_tokens\":5}}}\n\n");
      write(
          out,
          "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
      String ping = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
      String delta =
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word \"}}\n\n";
      long written = 0;
      int deltas = 0;
      while (written < 30L * 1024 * 1024) {
        for (int i = 0; i < 100; i++) {
          write(out, ping);
          written += ping.length();
        }
        write(out, delta);
        written += delta.length();
        deltas++;
      }
      write(
          out,
          "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
      write(
          out,
          "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":"
              + deltas
              + "}}\n\n");
      write(out, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }
    assertTrue(Files.size(response) > 30L * 1024 * 1024);

    Jvm.Result r =
        runWithOptions(
            java,
            List.of("-Xmx24m"),
            new byte[0],
            "nodes",
            "--provider",
            "anthropic",
            "--request",
            request.toString(),
            "--response",
            response.toString());
    assertEquals(0, r.code, r.err);
    String[] lines = r.out.split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[1].contains("\"stop_reason\":\"end_turn\""), lines[1].substring(0, 200));
    assertTrue(lines[1].contains("\"text\":\"word word "), lines[1].substring(0, 200));
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
  }
}
