package dev.tapes.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.agent.Fixtures;
import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recorded and hand-made provider bodies give the hashes tapes' own code computed for them. */
class FixtureHashesTest {
  private static final byte[] NO_MESSAGES = Turns.utf8("{\"model\":\"m\",\"messages\":[]}");
  private static final byte[] NO_INPUT = Turns.utf8("{\"model\":\"m\",\"input\":[]}");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "turn_01_oneshot.json, 678203aeb9d91353f7580da4f34276107b206c97e87c118d60cc09b343c4a840",
    "turn_01_stream.sse, 678203aeb9d91353f7580da4f34276107b206c97e87c118d60cc09b343c4a840",
    "turn_02_tool_use_oneshot.json, 3811bcbab8e8f010a1905eecfd9377e50fc10b1be074f89b5380be3fa9a90224",
    "turn_02_tool_use_stream.sse, 3811bcbab8e8f010a1905eecfd9377e50fc10b1be074f89b5380be3fa9a90224",
    "turn_03_thinking_oneshot.json, 4198bbbad9e9c8154b2a0f2f43d254c04e8433198d39a68a4b9528af0dbcfeb8",
    "turn_03_thinking_stream.sse, 4198bbbad9e9c8154b2a0f2f43d254c04e8433198d39a68a4b9528af0dbcfeb8",
    "turn_04_server_tool_oneshot.json, 77702a5cb6da78344323dabcc8660cdd7fb3080340274c29c9f0b7cf87b88797",
    "turn_04_server_tool_stream.sse, 77702a5cb6da78344323dabcc8660cdd7fb3080340274c29c9f0b7cf87b88797",
  })
  void anthropicCanonicalEquivalencePairsHashAsListed(String file, String expected) {
    Turn turn =
        Turns.turn(
            Provider.ANTHROPIC,
            NO_MESSAGES,
            Fixtures.bytes("tapes/anthropic/canonical_equivalence/" + file));
    assertEquals(List.of(expected), Turns.hashes(turn));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "messages_oneshot.json, 05f1c07eacb9b533d9e8e6b99c12cf73b9615e0146b149f276e083c86a12f162, end_turn",
    "messages_stream.sse, 05f1c07eacb9b533d9e8e6b99c12cf73b9615e0146b149f276e083c86a12f162, end_turn",
    "messages_thinking.sse, a6bbeece9c3a4d5babac23204f1fae3e58cbb9232ff6054ec12cd80ec0c9eb08, end_turn",
    "messages_tool_use.sse, e9d009c5dc718aa8f18ffd4da51204a56344f630b3aa390a75a6a0ea7a72d9e9, tool_use",
    "messages_error_mid_stream.sse, 1477969a8cbd4ddfa0c0ee20bf1be32e6d2db735675751a87424e48e8ef5157f, error",
    "messages_truncated_stream.sse, 09289368df8fdb24bfe909380218b8ba4ecb54bcf54091620122dd713b519196, incomplete",
  })
  void anthropicBodiesHashAsListed(String file, String expected, String stopReason) {
    Turn turn =
        Turns.turn(Provider.ANTHROPIC, NO_MESSAGES, Fixtures.bytes("tapes/anthropic/" + file));
    assertEquals(List.of(expected), Turns.hashes(turn));
    assertEquals(stopReason, turn.reply().stopReason());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "oneshot.json, 06a19156f84ea8aeac986b4fb1a88f0fa62d5ee3a4a6dd27a015d97b4bb3a7f1",
    "stream.sse, 6c96941c83aabaeb29cc9e16dbe54f6735605a6be0b5b3b0af31719889c38d0a",
    "chatgpt_stream.sse, 99bd5f20f24a4df2179dd421a5b49d8e431f06d1c453ffe7aeb71e20242cf051",
  })
  void openAiResponsesBodiesHashAsListed(String file, String expected) {
    Turn turn =
        Turns.turn(Provider.OPENAI, NO_INPUT, Fixtures.bytes("tapes/openai_responses/" + file));
    assertEquals(List.of(expected), Turns.hashes(turn));
    assertEquals("stop", turn.reply().stopReason());
  }

  /** Each line of expected.jsonl: the chain's hashes, roles, stop reason and reply block types. */
  @TestFactory
  Stream<DynamicTest> openAiChatExchangesProduceTheExpectedChains() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String line :
        Files.readAllLines(Fixtures.path("openai_chat/expected.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject expected = JsonReader.parse(line).asObject();
      String request = expected.string("request");
      tests.add(
          DynamicTest.dynamicTest(
              request,
              () -> {
                Turn turn =
                    Turns.turn(
                        Provider.OPENAI,
                        Fixtures.bytes("openai_chat/" + request),
                        Fixtures.bytes("openai_chat/" + expected.string("response")));
                assertEquals(strings(expected.array("hashes")), Turns.hashes(turn));
                List<String> roles = new ArrayList<>();
                turn.messages().forEach(m -> roles.add(m.role()));
                assertEquals(strings(expected.array("roles")), roles);
                assertEquals(expected.string("stop_reason"), turn.reply().stopReason());
                List<String> types = new ArrayList<>();
                turn.reply().message().blocks().forEach(b -> types.add(b.type()));
                assertEquals(strings(expected.array("response_blocks")), types);
              }));
    }
    assertEquals(13, tests.size(), "expected.jsonl lines");
    return tests.stream();
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    for (JsonValue v : array.elements()) {
      out.add(v.asString());
    }
    return out;
  }
}
