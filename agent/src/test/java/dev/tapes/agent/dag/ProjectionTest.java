package dev.tapes.agent.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.testing.PropertyCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins the hash projection of nodes.md §4 and the hash input it feeds. */
class ProjectionTest {
  private static final String HELLO_HASH =
      "af300c6bb7b341e43949236e3a34c210e868664b3c07a8287ca74a5943863bd5";

  private final NodeHasher hasher = new NodeHasher();

  // The worked example of nodes.md §4.

  @Test
  void rootUserHelloHashesTheWorkedExample() {
    List<Block> blocks = List.of(Block.text("hello"));
    assertEquals(
        "{\"content\":{\"content\":[{\"is_error\":false,\"text\":\"hello\",\"type\":\"text\"}],"
            + "\"role\":\"user\",\"type\":\"message\"},\"parent\":\"\"}",
        canonicalInput("", "user", blocks));
    assertEquals(HELLO_HASH, hasher.hash("", "user", blocks));
  }

  @Test
  void assistantReplyHashesTheWorkedExample() {
    assertEquals(
        "3d23ae5bab9cd2118891a4f20111d89fe91fa6396ee083d02c0f7732255f3b57",
        hasher.hash(
            HELLO_HASH, "assistant", List.of(Block.text("Hello! How can I help you today?"))));
  }

  @Test
  void assistantToolCallHashesTheWorkedExample() throws JsonException {
    Block call =
        Block.builder("tool_use")
            .toolUseId("call_abc123")
            .toolName("get_weather")
            .toolInput(object("{\"city\":\"Paris\",\"n\":3}"))
            .build();
    assertEquals(
        "a5542a8e8bbf89c7594883d296b99d68e3f7c2ffe947c80a3829d323927864f1",
        hasher.hash(HELLO_HASH, "assistant", List.of(call)));
  }

  @Test
  void hashIsSha256OfTheCanonicalInput() throws NoSuchAlgorithmException {
    List<Block> blocks = List.of(Block.text(" spaced <status>x</status>\r\n"));
    byte[] input = hasher.canonicalInput("p", "user", blocks);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(input);
    assertEquals(NodeHasher.hex(digest), hasher.hash("p", "user", blocks));
  }

  // Harness tags.

  @ParameterizedTest
  @ValueSource(
      strings = {
        "system-reminder",
        "command-name",
        "command-message",
        "command-args",
        "local-command-stdout",
        "local-command-stderr",
        "local-command-caveat",
        "session",
        "conversation",
        "new-diagnostics",
        "task-notification",
        "status",
        "summary",
        "transcript",
        "event",
        "tool-use-id",
        "output-file",
        "task-id",
        "environment_context"
      })
  void everyHarnessTagSpanIsStripped(String tag) {
    assertEquals("keep  this", projectedText("keep <" + tag + ">drop\nme</" + tag + "> this"));
    assertEquals("keep", projectedText("keep<" + tag + ">unterminated"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<System-Reminder>x</System-Reminder>",
        "<system-reminders>x</system-reminders>",
        "<environment-context>x</environment-context>",
        "<status >x</status >",
        "<thinking>x</thinking>",
        "</status>x",
        "<statusx</status>"
      })
  void lookalikeTagsAreKept(String text) {
    assertEquals(text, projectedText(text));
  }

  @Test
  void everyOccurrenceOfATagIsStripped() {
    assertEquals("xyz", projectedText("x<status>1</status>y<status>2</status>z<status>3</status>"));
  }

  @Test
  void aSpanEndsAtTheFirstClosingTag() {
    assertEquals("c</status>d", projectedText("<status>a<status>b</status>c</status>d"));
  }

  @Test
  void anUnterminatedTagCutsToTheEndOfTheText() {
    assertEquals("a", projectedText("a <system-reminder>b <status>c</status> d"));
  }

  @Test
  void tagsAreStrippedInTheListedOrder() {
    // status (listed before summary) goes first: it swallows the <summary> opener, and the
    // unterminated <summary> left behind then cuts to the end.
    assertEquals("c</summary>d", projectedText("<status>a<summary>b</status>c</summary>d"));
    assertEquals(
        List.of(),
        Projection.project(List.of(Block.text("<summary>a<status>b</summary>c</status>d"))));
  }

  @Test
  void tagsOfDifferentKindsAreAllStripped() {
    assertEquals(
        "ask\nthis",
        projectedText(
            "<system-reminder>r</system-reminder>ask\n<command-name>/x</command-name>\n"
                + "<environment_context><cwd>/</cwd></environment_context>this"));
  }

  /**
   * tapes' stripTaggedSpan (pkg/merkle/projection.go) searches again from the start of the text
   * after each removal, so an opening tag that the removal joins together is stripped too.
   */
  @Test
  void tagSpanFormedByARemovalIsAlsoStripped() {
    assertEquals("z", projectedText("<sta<status>x</status>tus>y</status>z"));
  }

  // Whitespace.

  static Stream<Arguments> whitespaceCases() {
    return Stream.of(
        Arguments.of("a\r\nb", "a\nb"),
        Arguments.of("a \t \nb", "a\nb"),
        Arguments.of("a \t \r\nb", "a\nb"),
        Arguments.of("a\n\n\nb", "a\nb"),
        Arguments.of("a\r\n\r\n\r\nb", "a\nb"),
        Arguments.of("a  \n\n  \nb", "a\nb"),
        Arguments.of("a\n \n b", "a\n b"),
        Arguments.of("a  b\tc", "a  b\tc"),
        Arguments.of("a\rb", "a\rb"),
        Arguments.of("a \rb", "a \rb"),
        // One pass of \r\n -> \n, as strings.ReplaceAll does: "\r\r\n" leaves "\r\n".
        Arguments.of("a\r\r\nb", "a\r\nb"),
        Arguments.of("a\u00a0\nb", "a\u00a0\nb"),
        Arguments.of("a\u000b\nb", "a\u000b\nb"),
        Arguments.of("\n\n  text  \n\n", "text"));
  }

  @ParameterizedTest
  @MethodSource("whitespaceCases")
  void whitespaceIsNormalised(String text, String expected) {
    assertEquals(PropertyCheck.escape(expected), PropertyCheck.escape(projectedText(text)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\t", "\n", "\u000b", "\f", "\r", " ", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2007",
        "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"
      })
  void unicodeWhiteSpaceIsTrimmedAtBothEnds(String space) {
    assertEquals("x" + space + "y", projectedText(space + space + "x" + space + "y" + space));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200b", "\ufeff", "\u180e", "\u001c", "\u001f", "\u0000", "\u200d"})
  void otherInvisibleCharactersAreNotTrimmed(String notSpace) {
    assertEquals(
        PropertyCheck.escape(notSpace + "x" + notSpace),
        PropertyCheck.escape(projectedText(" " + notSpace + "x" + notSpace + " ")));
  }

  // Which blocks survive.

  @Test
  void emptyTextBlockIsKept() {
    assertEquals("[{\"is_error\":false,\"type\":\"text\"}]", contentOf(List.of(Block.text(""))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {" ", "\r\n\t\u3000", "<system-reminder>only this</system-reminder>", "<status>"})
  void textThatProjectsToNothingDropsTheBlock(String text) {
    assertEquals(
        "[{\"is_error\":false,\"text\":\"kept\",\"type\":\"text\"}]",
        contentOf(List.of(Block.text(text), Block.text("kept"))));
  }

  @Test
  void messageWhoseBlocksAllProjectAwayHasEmptyContent() {
    assertEquals(
        "{\"content\":{\"content\":[],\"role\":\"user\",\"type\":\"message\"},\"parent\":\"p\"}",
        canonicalInput("p", "user", List.of(Block.text("<status>x</status>"))));
  }

  @Test
  void blocksWithoutTextAreKept() {
    Block image = Block.builder("image").imageUrl("https://example.test/a.png").build();
    assertEquals(
        "[{\"image_url\":\"https://example.test/a.png\",\"is_error\":false,\"type\":\"image\"}]",
        contentOf(List.of(image)));
  }

  @Test
  void projectionLeavesTheInputBlocksAlone() throws JsonException {
    Block original =
        Block.builder("tool_use")
            .text(" t ")
            .toolInput(object("{\"a\":null,\"b\":1}"))
            .thinkingSignature("sig")
            .toolOutput(" o ")
            .build();
    Projection.project(List.of(original));
    assertEquals(" t ", original.text());
    assertEquals("{\"a\":null,\"b\":1}", original.toolInput().toString());
    assertEquals("sig", original.thinkingSignature());
    assertEquals(" o ", original.toolOutput());
  }

  @Test
  void blockThatNeedsNoChangeIsReturnedAsIs() {
    Block clean = Block.text("already clean");
    assertSame(clean, Projection.project(List.of(clean)).get(0));
  }

  // tool_input.

  @Test
  void emptyToolArgumentsArePrunedRecursively() throws JsonException {
    JsonObject input =
        object(
            "{\"a\":null,\"b\":false,\"c\":\"\",\"d\":0,\"e\":[],\"f\":-0,\"g\":0.0,\"g2\":0e5,"
                + "\"h\":true,\"i\":1,\"j\":\"x\",\"k\":[0],\"l\":{\"m\":null,\"n\":{}},"
                + "\"o\":{\"p\":0,\"q\":2},\"r\":[null,false,\"\",{},[]],\"s\":{},"
                + "\"t\":{\"u\":{\"v\":{\"w\":false}}},\"x\":-1e-300,\"y\":\" \"}");
    assertEquals(
        "[{\"is_error\":false,\"tool_input\":{\"h\":true,\"i\":1,\"j\":\"x\",\"k\":[0],"
            + "\"o\":{\"q\":2},\"r\":[null,false,\"\",{},[]],\"x\":-1e-300,\"y\":\" \"},"
            + "\"tool_name\":\"f\",\"tool_use_id\":\"c1\",\"type\":\"tool_use\"}]",
        contentOf(List.of(toolUse(input))));
  }

  @Test
  void toolInputThatPrunesToNothingIsLeftOut() throws JsonException {
    assertEquals(
        "[{\"is_error\":false,\"tool_name\":\"f\",\"tool_use_id\":\"c1\",\"type\":\"tool_use\"}]",
        contentOf(List.of(toolUse(object("{\"replace_all\":false,\"opts\":{\"x\":null}}")))));
  }

  @Test
  void toolInputNumbersAreCanonicalDoubles() throws JsonException {
    assertEquals(
        "[{\"is_error\":false,\"tool_input\":{\"big\":12345678901234567000,\"n\":3,"
            + "\"tiny\":1e-7},\"tool_name\":\"f\",\"tool_use_id\":\"c1\",\"type\":\"tool_use\"}]",
        contentOf(
            List.of(toolUse(object("{\"tiny\":1.0E-7,\"n\":3.0,\"big\":12345678901234567890}")))));
  }

  // thinking and tool_output.

  @Test
  void thinkingSignatureIsClearedAndThinkingIsNotNormalised() {
    Block thinking =
        Block.builder("thinking").thinking("  hm\r\n\r\n").thinkingSignature("sig").build();
    assertEquals(
        "[{\"is_error\":false,\"thinking\":\"  hm\\r\\n\\r\\n\",\"type\":\"thinking\"}]",
        contentOf(List.of(thinking)));
  }

  @Test
  void toolOutputIsStrippedAndNormalised() {
    Block result =
        Block.builder("tool_result")
            .toolResultId("c1")
            .toolOutput("  line  \r\n\r\n<system-reminder>noise</system-reminder>next\n")
            .isError(true)
            .build();
    assertEquals(
        "[{\"is_error\":true,\"tool_output\":\"line\\nnext\",\"tool_result_id\":\"c1\","
            + "\"type\":\"tool_result\"}]",
        contentOf(List.of(result)));
  }

  @Test
  void toolOutputThatProjectsToNothingKeepsTheBlock() {
    Block result =
        Block.builder("tool_result")
            .toolResultId("c1")
            .toolOutput("<system-reminder>noise</system-reminder>\n")
            .build();
    assertEquals(
        "[{\"is_error\":false,\"tool_result_id\":\"c1\",\"type\":\"tool_result\"}]",
        contentOf(List.of(result)));
  }

  // How a block is written.

  @Test
  void blockFieldsAreWrittenInSortedKeyOrder() throws JsonException {
    Block all =
        Block.builder("kitchen_sink")
            .text("t")
            .imageUrl("u")
            .imageBase64("b64")
            .mediaType("image/png")
            .toolUseId("tu")
            .toolName("tn")
            .toolInput(object("{\"k\":1}"))
            .toolResultId("tr")
            .toolOutput("to")
            .thinking("th")
            .thinkingSignature("sig")
            .content(JsonReader.parse("{\"z\":[1.0,\"a\"],\"a\":true}"))
            .build();
    assertEquals(
        "[{\"content\":{\"a\":true,\"z\":[1,\"a\"]},\"image_base64\":\"b64\",\"image_url\":\"u\","
            + "\"is_error\":false,\"media_type\":\"image/png\",\"text\":\"t\",\"thinking\":\"th\","
            + "\"tool_input\":{\"k\":1},\"tool_name\":\"tn\",\"tool_output\":\"to\","
            + "\"tool_result_id\":\"tr\",\"tool_use_id\":\"tu\",\"type\":\"kitchen_sink\"}]",
        contentOf(List.of(all)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\"", "{}", "[]"})
  void emptyRawContentIsLeftOut(String raw) throws JsonException {
    Block block = Block.builder("web_search_tool_result").content(JsonReader.parse(raw)).build();
    assertEquals(
        "[{\"is_error\":false,\"type\":\"web_search_tool_result\"}]", contentOf(List.of(block)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "0", "\" \"", "[null]", "{\"a\":null}"})
  void nonEmptyRawContentIsEmbeddedAsJson(String raw) throws JsonException {
    JsonValue content = JsonReader.parse(raw);
    Block block = Block.builder("x").content(content).build();
    assertEquals(
        "[{\"content\":" + raw + ",\"is_error\":false,\"type\":\"x\"}]", contentOf(List.of(block)));
  }

  @Test
  void missingTypeIsWrittenAsEmptyString() {
    assertEquals(
        "[{\"is_error\":false,\"text\":\"t\",\"type\":\"\"}]",
        contentOf(List.of(Block.builder(null).text("t").build())));
  }

  @Test
  void emptyStringFieldsAreLeftOut() {
    Block block = Block.builder("tool_use").toolUseId("").toolName("").mediaType("").build();
    assertEquals("[{\"is_error\":false,\"type\":\"tool_use\"}]", contentOf(List.of(block)));
  }

  @Test
  void roleAndParentAreEscapedStrings() {
    assertEquals(
        "{\"content\":{\"content\":[],\"role\":\"a\\\"b\\n\",\"type\":\"message\"},"
            + "\"parent\":\"\\\\\"}",
        canonicalInput("\\", "a\"b\n", List.of()));
  }

  @Test
  void projectedTextMatchesTapesAlgorithm() {
    PropertyCheck.forAll(
        "projectedTextMatchesTapesAlgorithm",
        2000,
        ProjectionTest::harnessishText,
        PropertyCheck::escape,
        text -> {
          // Only non-empty text is projected; an empty text block is kept as it is.
          String expected =
              text.isEmpty() ? "" : tapesNormalizeWhitespace(tapesStripHarnessTags(text));
          String actual = projectedText(text);
          assertEquals(
              PropertyCheck.escape(expected.isEmpty() && !text.isEmpty() ? "(dropped)" : expected),
              PropertyCheck.escape(actual == null ? "(dropped)" : actual));
        });
  }

  /**
   * tapes' StripHarnessTags, written out from pkg/merkle/projection.go: for each tag in order,
   * repeatedly cut the first opening tag through the next closing tag (or to the end).
   */
  private static String tapesStripHarnessTags(String text) {
    String[] tags = {
      "system-reminder",
      "command-name",
      "command-message",
      "command-args",
      "local-command-stdout",
      "local-command-stderr",
      "local-command-caveat",
      "session",
      "conversation",
      "new-diagnostics",
      "task-notification",
      "status",
      "summary",
      "transcript",
      "event",
      "tool-use-id",
      "output-file",
      "task-id",
      "environment_context"
    };
    for (String tag : tags) {
      String open = "<" + tag + ">";
      String close = "</" + tag + ">";
      while (true) {
        int start = text.indexOf(open);
        if (start < 0) {
          break;
        }
        int end = text.indexOf(close, start);
        if (end < 0) {
          text = text.substring(0, start);
          break;
        }
        text = text.substring(0, start) + text.substring(end + close.length());
      }
    }
    return text;
  }

  /** tapes' normalizeWhitespace: the same three rewrites, then Go's strings.TrimSpace. */
  private static String tapesNormalizeWhitespace(String text) {
    text = text.replace("\r\n", "\n");
    text = text.replaceAll("[ \t]+\n", "\n");
    text = text.replaceAll("\n{2,}", "\n");
    String space =
        "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
            + "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
    int start = 0;
    int end = text.length();
    while (start < end && space.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && space.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end);
  }

  // Helpers.

  private static String harnessishText(java.util.Random r) {
    String[] pieces = {
      "a",
      "b",
      " ",
      "\t",
      "\n",
      "\r",
      "\r\n",
      "\u00a0",
      "\u3000",
      "\u200b",
      "<status>",
      "</status>",
      "<summary>",
      "</summary>",
      "<system-reminder>",
      "</system-reminder>",
      "<",
      ">",
      "/",
      "sta",
      "tus>",
      "<sta",
      "\u0085",
      "\u2007",
      "\u000b",
      "\f",
      "\u001c"
    };
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(16);
    for (int i = 0; i < n; i++) {
      s.append(pieces[r.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  private static Block toolUse(JsonObject input) {
    return Block.builder("tool_use").toolUseId("c1").toolName("f").toolInput(input).build();
  }

  private static JsonObject object(String json) throws JsonException {
    return JsonReader.parse(json).asObject();
  }

  /** The text of the single block that {@code text} projects to, or null when it is dropped. */
  private static String projectedText(String text) {
    List<Block> projected = Projection.project(List.of(Block.text(text)));
    if (projected.isEmpty()) {
      return null;
    }
    assertEquals(1, projected.size());
    return projected.get(0).text();
  }

  private String canonicalInput(String parent, String role, List<Block> blocks) {
    return new String(hasher.canonicalInput(parent, role, blocks), StandardCharsets.UTF_8);
  }

  /** The projected blocks array of a root user message, as canonical JSON. */
  private String contentOf(List<Block> blocks) {
    String input = canonicalInput("", "user", blocks);
    String prefix = "{\"content\":{\"content\":";
    String suffix = ",\"role\":\"user\",\"type\":\"message\"},\"parent\":\"\"}";
    assertEquals(prefix, input.substring(0, prefix.length()));
    assertEquals(suffix, input.substring(input.length() - suffix.length()));
    return input.substring(prefix.length(), input.length() - suffix.length());
  }
}
