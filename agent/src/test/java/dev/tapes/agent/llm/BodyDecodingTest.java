package dev.tapes.agent.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapes.agent.Fixtures;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonNumber;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The content-encoding corpus: each case builds a body, names a {@code Content-Encoding}, and says
 * whether decoding succeeds, salvages a prefix, or fails and why. zstd is not supported by this
 * agent (it would need a native codec), so every zstd case must fail as {@code unsupported}.
 */
class BodyDecodingTest {
  @TestFactory
  Stream<DynamicTest> contentEncodingCorpus() throws IOException {
    List<Path> cases;
    try (Stream<Path> files = Files.list(Fixtures.root().resolve("tapes/content-encoding"))) {
      cases =
          files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
    }
    assertEquals(27, cases.size(), "content-encoding cases");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : cases) {
      tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }
    return tests.stream();
  }

  private static void check(Path file) throws Exception {
    JsonObject c = JsonReader.parse(Files.readAllBytes(file)).asObject();
    JsonValue encodingValue = c.get("encoding");
    String encoding = encodingValue == null ? null : encodingValue.asString();
    JsonObject body = c.object("body");
    byte[] plaintext = plaintext(body);
    byte[] bytes = build(body, plaintext);
    JsonObject expect = c.object("expect");
    String outcome = expect.string("outcome");
    boolean zstd = encoding != null && encoding.toLowerCase().contains("zstd");

    if (zstd) {
      BodyDecoding.DecodeException e =
          assertThrows(BodyDecoding.DecodeException.class, () -> decode(bytes, encoding));
      assertEquals(BodyDecoding.Failure.UNSUPPORTED, e.failure());
      assertTrue(e.getMessage().contains("zstd"), e.getMessage());
      return;
    }

    if (outcome.equals("error")) {
      JsonObject error = expect.object("error");
      BodyDecoding.DecodeException e =
          assertThrows(BodyDecoding.DecodeException.class, () -> decode(bytes, encoding));
      assertEquals(error.string("class").toUpperCase(), e.failure().name());
      JsonArray contains = error.array("message_contains");
      if (contains != null) {
        for (JsonValue s : contains.elements()) {
          assertTrue(e.getMessage().contains(s.asString()), e.getMessage());
        }
      }
      return;
    }

    byte[] decoded = decode(bytes, encoding);
    JsonObject want = expect.object("decoded");
    if (want.bool("equals_plaintext", false)) {
      assertArrayEquals(plaintext, decoded);
    } else if (want.bool("nonempty_prefix_of_plaintext", false)) {
      assertTrue(decoded.length > 0 && decoded.length <= plaintext.length);
      assertArrayEquals(Arrays.copyOf(plaintext, decoded.length), decoded);
      assertTrue(decoded.length < plaintext.length, "a cut stream cannot give the whole body");
    } else if (want.string("bytes_b64") != null) {
      assertArrayEquals(Base64.getDecoder().decode(want.string("bytes_b64")), decoded);
    } else {
      fail("case has no expectation this test understands: " + want);
    }
  }

  @Test
  void gzipIsDetectedByItsMagicBytesWithoutAHeader() throws IOException {
    byte[] plain = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        plain, BodyDecoding.decodeDetected(new ByteArrayInputStream(gzip(plain))).readAllBytes());
    assertArrayEquals(
        plain, BodyDecoding.decodeDetected(new ByteArrayInputStream(plain)).readAllBytes());
  }

  private static byte[] decode(byte[] body, String encoding) throws IOException {
    return BodyDecoding.decode(new ByteArrayInputStream(body), encoding).readAllBytes();
  }

  private static byte[] plaintext(JsonObject body) {
    JsonObject build = body.object("build");
    if (build == null) {
      return new byte[0];
    }
    JsonObject p = build.object("plaintext");
    if (p.string("utf8") != null) {
      return p.string("utf8").getBytes(StandardCharsets.UTF_8);
    }
    JsonObject repeat = p.object("repeat_utf8");
    if (repeat != null) {
      return repeat
          .string("text")
          .repeat((int) repeat.longValue("count"))
          .getBytes(StandardCharsets.UTF_8);
    }
    JsonObject repeatByte = p.object("repeat_byte");
    byte[] out = new byte[(int) repeatByte.longValue("count")];
    Arrays.fill(out, (byte) repeatByte.longValue("byte"));
    return out;
  }

  private static byte[] build(JsonObject body, byte[] plaintext) throws IOException {
    if (body.string("bytes_b64") != null) {
      return Base64.getDecoder().decode(body.string("bytes_b64"));
    }
    JsonObject build = body.object("build");
    byte[] bytes = plaintext;
    for (JsonValue layer : build.array("layers").elements()) {
      if (!layer.asString().equals("gzip")) {
        return bytes; // zstd layers: never decoded here, so the exact bytes do not matter
      }
      long members = build.has("members") ? build.longValue("members") : 1;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int cut = (int) (bytes.length / members);
      for (int m = 0; m < members; m++) {
        int to = m == members - 1 ? bytes.length : (m + 1) * cut;
        out.write(gzip(Arrays.copyOfRange(bytes, m * cut, to)));
      }
      bytes = out.toByteArray();
    }
    JsonObject truncate = build.object("truncate");
    if (truncate != null) {
      if (truncate.has("keep_head_ratio")) {
        JsonArray ratio = truncate.array("keep_head_ratio");
        long numerator = (long) ((JsonNumber) ratio.get(0)).doubleValue();
        long denominator = (long) ((JsonNumber) ratio.get(1)).doubleValue();
        long keep = bytes.length * numerator / denominator;
        bytes = Arrays.copyOf(bytes, (int) keep);
      } else if (truncate.has("drop_tail_bytes")) {
        bytes = Arrays.copyOf(bytes, bytes.length - (int) truncate.longValue("drop_tail_bytes"));
      } else if (truncate.has("keep_head_bytes")) {
        bytes = Arrays.copyOf(bytes, (int) truncate.longValue("keep_head_bytes"));
      }
    }
    return bytes;
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }
}
