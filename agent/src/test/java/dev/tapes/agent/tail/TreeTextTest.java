package dev.tapes.agent.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.TurnParser;
import dev.tapes.agent.publish.NodeEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Conversations drawn as trees, from events made by the agent's own parsers and hasher: two
 * conversations that share a system prompt and a question and then diverge (a streamed answer; a
 * tool call, its result and the answer after it).
 */
class TreeTextTest {
  private static final String MODEL = "gpt-4o-mini-2024-07-18";
  private static final String PREFIX =
      "{\"role\":\"system\",\"content\":\"You are a concise travel assistant.\"},"
          + "{\"role\":\"user\",\"content\":\"What should I see in Lisbon?\"}";

  private static final String STREAMED_REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[" + PREFIX + "]}";
  private static final String STREAMED_REPLY =
      chunk("{\"role\":\"assistant\",\"content\":\"Belém Tower\"}", null)
          + chunk("{\"content\":\" and the\\nAlfama   district.\"}", null)
          + chunk("{}", "stop")
          + "data: {\"model\":\""
          + MODEL
          + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":9,"
          + "\"total_tokens\":34}}\n\n"
          + "data: [DONE]\n\n";

  private static final String TOOL_CALL =
      "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
          + "\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]}";
  private static final String TOOL_REQUEST_1 =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[" + PREFIX + "]}";
  private static final String TOOL_REPLY_1 =
      oneShot(
          "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
              + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
              + "\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]}",
          "tool_calls",
          30,
          12);
  private static final String TOOL_REQUEST_2 =
      "{\"model\":\"gpt-4o-mini\",\"messages\":["
          + PREFIX
          + ","
          + TOOL_CALL
          + ",{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"22°C and sunny\"}]}";
  private static final String TOOL_REPLY_2 =
      oneShot(
          "{\"role\":\"assistant\",\"content\":\"Sunny: walk up to São Jorge Castle.\"}",
          "stop",
          48,
          10);

  @Test
  void sharedMessagesAreDrawnOnceWithTheirContinuationsAsBranches() throws Exception {
    Conversations conversations = new Conversations(10, 100);
    Conversation c = null;
    for (String event : events()) {
      Conversation changed = conversations.add(TailNode.fromEvent(utf8(event)));
      c = changed != null ? changed : c;
    }
    assertEquals(1, conversations.size());

    String root = c.roots().get(0).hash().substring(0, 8);
    assertEquals(
        String.join(
            "\n",
            "conversation " + root + " · 6 messages · 2 branches",
            "system     You are a concise travel assistant.",
            "user       What should I see in Lisbon?",
            "├─ assistant  Belém Tower and the Alfama district.  ("
                + MODEL
                + ", 25 in + 9 out tokens)",
            "└─ assistant  → get_weather({\"city\":\"Lisbon\"})  ("
                + MODEL
                + ", 30 in + 12 out tokens)",
            "   tool       ← 22°C and sunny",
            "   assistant  Sunny: walk up to São Jorge Castle.  ("
                + MODEL
                + ", 48 in + 10 out tokens)",
            ""),
        TreeText.render(c, Set.of(), false));
  }

  @Test
  void eachNodeIsKeptOnceThoughEveryTurnRepeatsItsPrefix() throws Exception {
    Conversations conversations = new Conversations(10, 100);
    int added = 0;
    for (String event : events()) {
      if (conversations.add(TailNode.fromEvent(utf8(event))) != null) {
        added++;
      }
    }
    assertEquals(6, added);
  }

  @Test
  void newMessagesAreCountedInTheHeaderAndBoldInColour() throws Exception {
    Conversations conversations = new Conversations(10, 100);
    Conversation c = null;
    Set<String> fresh = new HashSet<>();
    List<String> events = events();
    for (int i = 0; i < events.size(); i++) {
      TailNode node = TailNode.fromEvent(utf8(events.get(i)));
      Conversation changed = conversations.add(node);
      c = changed != null ? changed : c;
      if (changed != null && i >= events.size() - 2) {
        fresh.add(node.hash());
      }
    }
    String plain = TreeText.render(c, fresh, false);
    assertTrue(plain.startsWith("conversation " + c.rootHash().substring(0, 8) + " · 6 messages"));
    assertTrue(plain.split("\n")[0].endsWith(" · 2 branches · 2 new"), plain);
    assertTrue(plain.indexOf('\u001b') < 0, plain);

    String coloured = TreeText.render(c, fresh, true);
    assertTrue(
        coloured.contains(
            "\u001b[2m   \u001b[0m\u001b[33mtool     \u001b[0m  \u001b[1m← 22°C and sunny\u001b[0m\n"),
        coloured);
    assertTrue(
        coloured.contains("\u001b[35msystem   \u001b[0m  You are a concise travel assistant.\n"),
        coloured);

    // Drawn for the first time, every message is new: none is singled out.
    Set<String> all = new HashSet<>();
    events.forEach(e -> all.add(hashOf(e)));
    String first = TreeText.render(c, all, true);
    assertTrue(first.startsWith("\u001b[1mconversation " + c.rootHash().substring(0, 8)), first);
    assertTrue(first.split("\n")[0].endsWith(" · 2 branches\u001b[0m"), first);
    assertEquals(1, first.split("\u001b\\[1m", -1).length - 1, first);
  }

  private static String hashOf(String event) {
    try {
      return TailNode.fromEvent(utf8(event)).hash();
    } catch (JsonException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void messagesWhoseEarlierMessagesWereNotReadHangUnderAnEllipsis() throws Exception {
    // Reading from the end: only what the second tool turn added arrives.
    List<String> events = events();
    Conversations conversations = new Conversations(10, 100);
    Conversation c = null;
    for (String event : events.subList(events.size() - 2, events.size())) {
      c = conversations.add(TailNode.fromEvent(utf8(event)));
    }
    assertEquals(
        String.join(
            "\n",
            "conversation " + c.rootHash().substring(0, 8) + " · 2 messages",
            "… earlier messages not read",
            "tool       ← 22°C and sunny",
            "assistant  Sunny: walk up to São Jorge Castle.  ("
                + MODEL
                + ", 48 in + 10 out tokens)",
            ""),
        TreeText.render(c, Set.of(), false));
  }

  @Test
  void summariesAreOneShortLineWithoutControlCharacters() throws Exception {
    String text = "line one\n\n\tline two \u001b[31mred\u001b[0m " + "x".repeat(100);
    String event =
        "{\"schema\":\"tapes.node.v1\",\"root_hash\":\"r\",\"node\":{\"hash\":\"h\",\"parent_hash\":null,"
            + "\"bucket\":{\"role\":\"user\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\"},"
            + "{\"type\":\"text\",\"text\":"
            + quoted(text)
            + "}]}}}";
    Conversations conversations = new Conversations(10, 100);
    Conversation c = conversations.add(TailNode.fromEvent(utf8(event)));
    String line = TreeText.render(c, Set.of(), false).split("\n")[1];
    assertEquals(
        "user       [thinking] hmm · line one line two [31mred[0m " + "x".repeat(25) + "…", line);
    assertEquals(TreeText.SUMMARY_WIDTH, line.codePointCount(0, line.length()) - 11);
  }

  @Test
  void onlyTheLastConversationsAreKept() throws Exception {
    Conversations conversations = new Conversations(2, 1);
    for (String root : List.of("a", "b", "c")) {
      assertNotNull(conversations.add(TailNode.fromEvent(utf8(rootEvent(root, root)))));
    }
    assertEquals(2, conversations.size());
    // "a" was forgotten: its root is new again; "c" is full at one node.
    assertNotNull(conversations.add(TailNode.fromEvent(utf8(rootEvent("a", "a")))));
    assertNull(conversations.add(TailNode.fromEvent(utf8(childEvent("a", "a2", "a")))));
  }

  @Test
  void recordsThatAreNotEventsAreRefused() {
    for (String bad : List.of("{}", "[1]", "{\"schema\":\"tapes.node.v1\",\"node\":{}}", "nope")) {
      try {
        TailNode.fromEvent(utf8(bad));
        throw new AssertionError("accepted " + bad);
      } catch (JsonException expected) {
        // refused
      }
    }
  }

  /** The events the agent publishes for the three turns, every node of each turn. */
  private static List<String> events() {
    List<String> events = new ArrayList<>();
    events.addAll(turn(STREAMED_REQUEST, STREAMED_REPLY));
    events.addAll(turn(TOOL_REQUEST_1, TOOL_REPLY_1));
    events.addAll(turn(TOOL_REQUEST_2, TOOL_REPLY_2));
    return events;
  }

  private static List<String> turn(String request, String response) {
    TurnParser.Result result =
        TurnParser.parse(Provider.OPENAI, utf8(request), new ByteArrayInputStream(utf8(response)));
    assertNotNull(result.turn(), result.detail());
    List<String> out = new ArrayList<>();
    for (NodeEvent e :
        NodeEvent.forTurn(
            result.turn(), new NodeHasher(), null, null, Instant.parse("2026-01-02T03:04:05Z"))) {
      out.add(e.toJson());
    }
    return out;
  }

  private static String chunk(String delta, String finishReason) {
    return "data: {\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + (finishReason == null ? "" : ",\"finish_reason\":\"" + finishReason + "\"")
        + "}]}\n\n";
  }

  private static String oneShot(String message, String finishReason, int prompt, int completion) {
    return "{\"object\":\"chat.completion\",\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"message\":"
        + message
        + ",\"finish_reason\":\""
        + finishReason
        + "\"}],\"usage\":{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + completion
        + ",\"total_tokens\":"
        + (prompt + completion)
        + "}}";
  }

  private static String rootEvent(String root, String hash) {
    return "{\"schema\":\"tapes.node.v1\",\"root_hash\":\""
        + root
        + "\",\"node\":{\"hash\":\""
        + hash
        + "\",\"parent_hash\":null,\"bucket\":{\"role\":\"user\",\"content\":[]}}}";
  }

  private static String childEvent(String root, String hash, String parent) {
    return rootEvent(root, hash).replace("null", "\"" + parent + "\"");
  }

  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else if (ch < 0x20) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
