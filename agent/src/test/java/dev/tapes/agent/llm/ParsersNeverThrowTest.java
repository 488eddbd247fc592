package dev.tapes.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.agent.Fixtures;
import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.publish.NodeEvent;
import dev.tapes.agent.testing.PropertyCheck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TurnParser#parse} must answer every exchange with a turn or a drop reason: for random
 * bytes, for recorded bodies cut anywhere, and for recorded bodies with values of the wrong type in
 * random places. A turn it returns must also hash and publish without failing.
 *
 * <p>The recorded bodies come from the shared fixture corpus ({@link Fixtures}).
 */
class ParsersNeverThrowTest {
  private static final int TRIES = 400;
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** Replacement values that trip type and range assumptions. */
  private static final String[] HOSTILE_VALUES = {
    "null",
    "0",
    "-0",
    "1",
    "-1",
    "1.5",
    "2147483648",
    "-2147483649",
    "9007199254740993",
    "1e400",
    "-1e400",
    "1e-400",
    "true",
    "false",
    "\"\"",
    "\"x\"",
    "\"null\"",
    "\"{\"",
    "\"{}\"",
    "\"[DONE]\"",
    "\"\\ud800\"",
    "\"{\\\"a\\\":1e400}\"",
    "[]",
    "{}",
    "[null]",
    "[{}]",
    "[[]]",
    "{\"type\":null}",
    "{\"type\":\"text\"}",
    "{\"type\":\"tool_use\"}",
    "{\"index\":-1}",
    "{\"index\":1e10}",
    "[1,\"a\",{}]"
  };

  /** Keys the parsers look up, swapped in for others. */
  private static final String[] KNOWN_KEYS = {
    "type", "index", "content", "delta", "input", "arguments", "tool_calls", "function", "role",
    "message", "messages", "choices", "output", "item", "response", "summary", "source", "usage",
    "partial_json", "text", "id", "call_id", "name", "content_block", "done", "images"
  };

  private static final String[] HOSTILE_LINES = {
    "",
    "data: {",
    "data: [DONE]",
    "data:",
    ":",
    "event: error",
    "event: message_stop",
    "data: {\"type\":\"error\"}",
    "data: null",
    "data: []",
    "id: 1",
    "retry: 10",
    "{}",
    "{\"done\":true}",
    "data: {\"type\":\"content_block_delta\",\"index\":7,\"delta\":{}}",
    "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"arguments\":\"{\"}}]}}]}"
  };

  private static final Map<Provider, List<Exchange>> EXCHANGES = new EnumMap<>(Provider.class);

  /** A request body and a response body; recorded where the fixtures have them. */
  record Exchange(String name, Provider provider, byte[] request, byte[] response) {}

  @BeforeAll
  static void loadFixtures() throws IOException {
    Path fixtures = Fixtures.root();

    List<Exchange> openai = new ArrayList<>();
    Path chat = fixtures.resolve("openai_chat");
    for (Path request : list(chat, ".request.json")) {
      String stem = request.getFileName().toString().replace(".request.json", "");
      Path response = chat.resolve(stem + ".response.json");
      if (!Files.exists(response)) {
        response = chat.resolve(stem + ".response.sse");
      }
      openai.add(exchange(stem, Provider.OPENAI, Files.readAllBytes(request), response));
    }
    for (Path response : list(fixtures.resolve("tapes/openai_responses"), "")) {
      openai.add(
          exchange(
              "responses " + response.getFileName(), Provider.OPENAI, RESPONSES_REQUEST, response));
    }
    EXCHANGES.put(Provider.OPENAI, openai);

    List<Exchange> anthropic = new ArrayList<>();
    Path messages = fixtures.resolve("tapes/anthropic");
    for (Path response :
        concat(list(messages, ""), list(messages.resolve("canonical_equivalence"), ""))) {
      anthropic.add(
          exchange(
              "anthropic " + response.getFileName(),
              Provider.ANTHROPIC,
              ANTHROPIC_REQUEST,
              response));
    }
    EXCHANGES.put(Provider.ANTHROPIC, anthropic);

    EXCHANGES.put(
        Provider.OLLAMA,
        List.of(
            new Exchange(
                "ollama ndjson", Provider.OLLAMA, utf8(OLLAMA_REQUEST), utf8(OLLAMA_STREAM)),
            new Exchange(
                "ollama one-shot", Provider.OLLAMA, utf8(OLLAMA_REQUEST), utf8(OLLAMA_ONESHOT))));

    for (Map.Entry<Provider, List<Exchange>> e : EXCHANGES.entrySet()) {
      assertTrue(
          e.getValue().size() >= 2, "too few " + e.getKey() + " exchanges: " + e.getValue().size());
    }
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void everyRecordedExchangeIsATurn(Provider provider) {
    for (Exchange exchange : EXCHANGES.get(provider)) {
      TurnParser.Result result = parseChecked(provider, exchange.request(), exchange.response());
      assertNotNull(result.turn(), exchange.name() + ": " + result.detail());
    }
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void arbitraryBytesGiveATurnOrADropReason(Provider provider) {
    PropertyCheck.forAll(
        "arbitraryBytes " + provider,
        TRIES,
        r -> {
          Exchange base = pick(r, provider);
          switch (r.nextInt(3)) {
            case 0:
              return new Exchange("random both", provider, randomBytes(r), randomBytes(r));
            case 1:
              return new Exchange(
                  base.name() + ", random response", provider, base.request(), randomBytes(r));
            default:
              return new Exchange(
                  base.name() + ", random request", provider, randomBytes(r), base.response());
          }
        },
        ParsersNeverThrowTest::describe,
        e -> parseChecked(provider, e.request(), e.response()));
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void truncatedBodiesGiveATurnOrADropReason(Provider provider) {
    PropertyCheck.forAll(
        "truncatedBodies " + provider,
        TRIES,
        r -> {
          Exchange base = pick(r, provider);
          switch (r.nextInt(4)) {
            case 0:
              return new Exchange(
                  base.name() + ", request cut", provider, cut(r, base.request()), base.response());
            case 1:
              return new Exchange(
                  base.name() + ", gzip response cut",
                  provider,
                  base.request(),
                  cut(r, gzip(base.response())));
            default:
              return new Exchange(
                  base.name() + ", response cut",
                  provider,
                  base.request(),
                  cut(r, base.response()));
          }
        },
        ParsersNeverThrowTest::describe,
        e -> parseChecked(provider, e.request(), e.response()));
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void mutatedBodiesGiveATurnOrADropReason(Provider provider) {
    PropertyCheck.forAll(
        "mutatedBodies " + provider,
        TRIES,
        r -> {
          Exchange base = pick(r, provider);
          byte[] request = base.request();
          byte[] response = base.response();
          int rounds = 1 + r.nextInt(3);
          for (int i = 0; i < rounds; i++) {
            switch (r.nextInt(4)) {
              case 0:
                request = mutateDocument(r, request);
                break;
              case 1:
                response = mutateBody(r, response);
                break;
              case 2:
                response = mutateBytes(r, response);
                break;
              default:
                request = mutateBytes(r, request);
                break;
            }
          }
          return new Exchange(base.name() + ", mutated", provider, request, response);
        },
        ParsersNeverThrowTest::describe,
        e -> parseChecked(provider, e.request(), e.response()));
  }

  /**
   * Go's encoding/json refuses a number beyond the double range, so tapes finds no object in these
   * arguments and drops the call (nodes.md §3.1); the turn must then hash like any other.
   */
  @Test
  void toolArgumentsOutOfDoubleRangeDropTheCall() {
    byte[] request =
        utf8(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\","
                + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":"
                + "\"{\\\"x\\\":1e400}\"}}]}]}");
    byte[] response =
        utf8("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}");
    TurnParser.Result result =
        TurnParser.parse(Provider.OPENAI, request, new ByteArrayInputStream(response));
    assertNotNull(result.turn(), result.detail());
    assertEquals(List.of(), result.turn().requestMessages().get(0).blocks());
    parseChecked(Provider.OPENAI, request, response);
  }

  /**
   * Parses and checks the contract: exactly one of turn and drop reason; no parser exception caught
   * by the safety net; a turn hashes, and its events are JSON.
   */
  private static TurnParser.Result parseChecked(
      Provider provider, byte[] request, byte[] response) {
    TurnParser.Result result =
        TurnParser.parse(provider, request, new ByteArrayInputStream(response));
    assertNotNull(result, "no result");
    assertTrue(
        (result.turn() == null) != (result.dropReason() == null),
        "turn " + result.turn() + ", drop reason " + result.dropReason());
    assertNotNull(result.detail());
    assertFalse(
        result.detail().startsWith("parser failure"),
        "a parser threw and the safety net caught it: " + result.detail());
    if (result.turn() != null) {
      List<NodeEvent> events =
          NodeEvent.forTurn(result.turn(), new NodeHasher(), "p", "a", Instant.EPOCH);
      assertEquals(result.turn().messages().size(), events.size());
      for (NodeEvent event : events) {
        assertTrue(HASH.matcher(event.node().hash()).matches(), event.node().hash());
        try {
          JsonReader.parse(event.toJson());
        } catch (JsonException ex) {
          throw new AssertionError(
              "event is not JSON: " + ex.getMessage() + "\n" + event.toJson(), ex);
        }
      }
    }
    return result;
  }

  // Generators.

  private static Exchange pick(Random r, Provider provider) {
    List<Exchange> exchanges = EXCHANGES.get(provider);
    return exchanges.get(r.nextInt(exchanges.size()));
  }

  private static byte[] randomBytes(Random r) {
    byte[] bytes = new byte[r.nextInt(200)];
    r.nextBytes(bytes);
    int shape = r.nextInt(5);
    if (shape == 0 && bytes.length > 2) {
      bytes[0] = 0x1f; // gzip magic
      bytes[1] = (byte) 0x8b;
    } else if (shape == 1 && bytes.length > 0) {
      bytes[0] = '{';
    } else if (shape == 2 && bytes.length > 6) {
      System.arraycopy(utf8("data: "), 0, bytes, 0, 6);
    }
    return bytes;
  }

  private static byte[] cut(Random r, byte[] body) {
    return Arrays.copyOf(body, body.length == 0 ? 0 : r.nextInt(body.length));
  }

  /** Replaces one value of a JSON document with a hostile one, drops a member, or renames a key. */
  private static byte[] mutateDocument(Random r, byte[] body) {
    JsonValue doc;
    try {
      doc = JsonReader.parse(body);
    } catch (JsonException e) {
      return mutateBytes(r, body);
    }
    int[] counter = {0};
    count(doc, counter);
    int target = r.nextInt(counter[0]);
    StringBuilder out = new StringBuilder();
    write(doc, out, new int[] {0}, target, r);
    return utf8(out.toString());
  }

  /** Mutates an SSE or NDJSON body line by line, or a one-shot body as a document. */
  private static byte[] mutateBody(Random r, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.size() < 3) {
      return mutateDocument(r, body);
    }
    int at = r.nextInt(lines.size());
    switch (r.nextInt(4)) {
      case 0:
        lines.remove(at);
        break;
      case 1:
        lines.add(at, lines.get(r.nextInt(lines.size())));
        break;
      case 2:
        lines.add(at, HOSTILE_LINES[r.nextInt(HOSTILE_LINES.length)]);
        break;
      default:
        String line = lines.get(at);
        String prefix =
            line.startsWith("data: ") ? "data: " : line.startsWith("data:") ? "data:" : "";
        String payload = line.substring(prefix.length());
        if (payload.startsWith("{")) {
          lines.set(
              at, prefix + new String(mutateDocument(r, utf8(payload)), StandardCharsets.UTF_8));
        } else {
          lines.set(at, line + HOSTILE_VALUES[r.nextInt(HOSTILE_VALUES.length)]);
        }
        break;
    }
    return utf8(String.join("\n", lines));
  }

  /** Byte-level damage: flips, deletions, and JSON-ish or invalid UTF-8 insertions. */
  private static byte[] mutateBytes(Random r, byte[] body) {
    String[] tokens = {
      "{", "}", "[", "]", "\"", ",", ":", "\\", "\n", "\r\n", "data: ", "\u0000", "\\u"
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = body.length == 0 ? 0 : r.nextInt(body.length);
    out.write(body, 0, at);
    switch (r.nextInt(4)) {
      case 0:
        out.write(r.nextInt(256));
        at = Math.min(body.length, at + 1);
        break;
      case 1:
        at = Math.min(body.length, at + r.nextInt(16));
        break;
      case 2:
        byte[] token = utf8(tokens[r.nextInt(tokens.length)]);
        out.write(token, 0, token.length);
        break;
      default:
        out.write(0xc3 + r.nextInt(0x3c));
        break;
    }
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  private static void count(JsonValue v, int[] counter) {
    counter[0]++;
    if (v.asObject() != null) {
      for (JsonValue member : v.asObject().members().values()) {
        count(member, counter);
      }
    } else if (v.asArray() != null) {
      for (JsonValue element : v.asArray().elements()) {
        count(element, counter);
      }
    }
  }

  /** Writes {@code v} compactly, with the value numbered {@code target} in pre-order mutated. */
  private static void write(JsonValue v, StringBuilder out, int[] position, int target, Random r) {
    int here = position[0]++;
    JsonObject object = v.asObject();
    JsonArray array = v.asArray();
    if (here == target && (object == null || r.nextBoolean())) {
      out.append(HOSTILE_VALUES[r.nextInt(HOSTILE_VALUES.length)]);
      return; // numbering past the one target no longer matters
    }
    if (object != null) {
      boolean mutateMembers = here == target;
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : object.members().entrySet()) {
        String key = e.getKey();
        if (mutateMembers && r.nextInt(3) == 0) {
          if (r.nextBoolean()) {
            continue;
          }
          key = KNOWN_KEYS[r.nextInt(KNOWN_KEYS.length)];
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        JsonString.appendQuoted(out, key);
        out.append(':');
        write(e.getValue(), out, position, target, r);
      }
      out.append('}');
    } else if (array != null) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.get(i), out, position, target, r);
      }
      out.append(']');
    } else {
      out.append(v.rawText());
    }
  }

  private static byte[] gzip(byte[] body) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(body);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Exchange e) {
    Function<byte[], String> show =
        b -> {
          String s = new String(b, StandardCharsets.UTF_8);
          return PropertyCheck.escape(s.length() > 2000 ? s.substring(0, 2000) + "..." : s);
        };
    return e.name()
        + "\nrequest: "
        + show.apply(e.request())
        + "\nresponse: "
        + show.apply(e.response());
  }

  // Fixture loading.

  private static Exchange exchange(String name, Provider provider, byte[] request, Path response)
      throws IOException {
    return new Exchange(name, provider, request, Files.readAllBytes(response));
  }

  private static List<Path> list(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> p.getFileName().toString().matches(".*\\.(json|sse)"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A Responses request with one input item of each kind the parser reads. */
  private static final byte[] RESPONSES_REQUEST =
      utf8(
          "{\"model\":\"gpt-4.1\",\"instructions\":\"be brief\",\"input\":["
              + "{\"role\":\"user\",\"content\":\"hi\"},"
              + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
              + "\"text\":\"look\"},{\"type\":\"input_image\","
              + "\"image_url\":\"https://x.test/i\"}]},"
              + "{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"t\"}],"
              + "\"encrypted_content\":\"enc\"},"
              + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"f\","
              + "\"arguments\":\"{\\\"a\\\":1}\"},"
              + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"},"
              + "{\"type\":\"custom_tool_call\",\"call_id\":\"c2\",\"name\":\"g\","
              + "\"input\":\"raw\"},"
              + "{\"type\":\"custom_tool_call_output\",\"call_id\":\"c2\","
              + "\"output\":[{\"type\":\"input_text\",\"text\":\"done\"}]},"
              + "{\"type\":\"web_search_call\",\"id\":\"w1\",\"status\":\"completed\"}]}");

  /** An Anthropic request with one block of each kind the parser reads. */
  private static final byte[] ANTHROPIC_REQUEST =
      utf8(
          "{\"model\":\"claude-sonnet-4-5\",\"system\":\"be brief\",\"messages\":["
              + "{\"role\":\"user\",\"content\":\"hi <system-reminder>r</system-reminder>\"},"
              + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\","
              + "\"signature\":\"s\"},{\"type\":\"text\",\"text\":\"calling\"},"
              + "{\"type\":\"tool_use\",\"id\":\"tu1\",\"name\":\"f\",\"input\":{\"a\":1}},"
              + "{\"type\":\"server_tool_use\",\"id\":\"st1\",\"name\":\"web_search\","
              + "\"input\":{\"query\":\"q\"}},{\"type\":\"web_search_tool_result\","
              + "\"tool_use_id\":\"st1\",\"content\":[{\"type\":\"web_search_result\","
              + "\"url\":\"u\"}]}]},"
              + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"tu1\","
              + "\"is_error\":false,\"content\":[{\"type\":\"text\",\"text\":\"one\"},"
              + "{\"type\":\"text\",\"text\":\"two\"}]},{\"type\":\"image\",\"source\":"
              + "{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBOR\"}}]}]}");

  private static final String OLLAMA_REQUEST =
      "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
          + "\"images\":[\"iVBOR\"]},{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
          + "[{\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]},"
          + "{\"role\":\"tool\",\"content\":\"ok\"}]}";

  private static final String OLLAMA_STREAM =
      "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},"
          + "\"done\":false}\n"
          + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"lo\","
          + "\"tool_calls\":[{\"id\":\"t1\",\"function\":{\"name\":\"g\",\"arguments\":"
          + "{\"b\":[1,2]}}}]},\"done\":false}\n"
          + "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
          + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":5000,"
          + "\"prompt_eval_count\":7,\"prompt_eval_duration\":100,\"eval_count\":3}\n";

  private static final String OLLAMA_ONESHOT =
      "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
          + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":7,\"eval_count\":3}";
}
