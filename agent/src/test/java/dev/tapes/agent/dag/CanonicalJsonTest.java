package dev.tapes.agent.dag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonBoolean;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonNull;
import dev.tapes.agent.json.JsonNumber;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import dev.tapes.agent.testing.PropertyCheck;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pins {@link CanonicalJson} to RFC 8785 as the tapes hash uses it. */
class CanonicalJsonTest {

  @Test
  void supplementaryKeysSortByUtf16CodeUnits() throws JsonException {
    // By code point U+E000 would come first; by UTF-16 code unit 0xD83D < 0xE000.
    assertEquals(
        "{\"\uD83D\uDE00\":2,\"\uE000\":1}", canonical("{\"\uE000\":1,\"\uD83D\uDE00\":2}"));
  }

  @Test
  void keysSortLexicographicallyNotByLength() throws JsonException {
    assertEquals(
        "{\"\":4,\"B\":5,\"a\":3,\"aa\":2,\"b\":1}",
        canonical("{\"b\":1,\"aa\":2,\"a\":3,\"\":4,\"B\":5}"));
  }

  @Test
  void sortsTheRfc8785Example() throws JsonException {
    String json =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet"
            + " With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\","
            + "\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    List<String> keys = new ArrayList<>(parse(canonicalBytes(json)).asObject().members().keySet());
    assertEquals(List.of("\r", "1", "\u0080", "\u00f6", "\u20ac", "\uD83D\uDE00", "\ufb33"), keys);
  }

  @Test
  void nestedObjectsSortRecursivelyAndArraysKeepTheirOrder() throws JsonException {
    assertEquals(
        "{\"a\":{\"c\":true,\"d\":null},\"b\":[3,1,{\"a\":2,\"z\":1},[\"y\",\"x\"]]}",
        canonical("{\"b\":[3,1,{\"z\":1,\"a\":2},[\"y\",\"x\"]],\"a\":{\"d\":null,\"c\":true}}"));
  }

  @Test
  void writesNoWhitespaceBetweenTokens() throws JsonException {
    assertEquals(
        "{\"a\":[1,{},[],\"\"],\"b\":false}",
        canonical(" {\n\t\"b\" : false ,\r\n \"a\" : [ 1 , { } , [ ] , \"\" ] } "));
  }

  @Test
  void escapesControlCharactersWithShortFormsAndLowercaseHex() {
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    assertEquals(
        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
            + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
            + "\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"",
        canonicalString(controls.toString()));
  }

  @Test
  void escapesOnlyQuoteAndBackslashAmongPrintableAscii() {
    assertEquals("\"a\\\"b\\\\c/d<e>&'\u007f\"", canonicalString("a\"b\\c/d<e>&'\u007f"));
  }

  @Test
  void writesNonAsciiAsRawUtf8() {
    String s = "\u00e9\u2028\u2029\u20ac\uFEFF\uD83D\uDE00";
    assertArrayEquals(
        ("\"" + s + "\"").getBytes(StandardCharsets.UTF_8),
        CanonicalJson.toBytes(new JsonString(s)));
  }

  @Test
  void writesAnUnpairedSurrogateAsReplacementCharacter() {
    assertArrayEquals(
        new byte[] {'"', 'a', (byte) 0xef, (byte) 0xbf, (byte) 0xbd, 'b', '"'},
        CanonicalJson.toBytes(new JsonString("a\uD800b")));
  }

  @Test
  void printsNumbersAsJavascriptDoubles() throws JsonException {
    assertEquals(
        "[1,1e+21,0,100,1,1,1.5e-7,12345678901234567000,0.00001]",
        canonical("[1.0,1e21,-0,1E2,0.1e1,100e-2,1.5e-7,12345678901234567890,1e-5]"));
  }

  @Test
  void writesValuesBuiltInCode() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("n", new JsonNumber(2.5, "2.50"));
    members.put("f", JsonBoolean.FALSE);
    members.put("z", JsonNull.INSTANCE);
    members.put("s", new JsonString("x"));
    assertEquals(
        "{\"f\":false,\"n\":2.5,\"s\":\"x\",\"z\":null}",
        new String(CanonicalJson.toBytes(JsonObject.of(members)), StandardCharsets.UTF_8));
  }

  @Test
  void resetStartsANewDocumentInTheSameBuffer() throws JsonException {
    CanonicalJson out = new CanonicalJson();
    out.value(JsonReader.parse("{\"long\":\"" + "x".repeat(5000) + "\"}"));
    out.reset();
    out.value(JsonReader.parse("[true]"));
    assertEquals("[true]", new String(out.toByteArray(), StandardCharsets.UTF_8));
    assertEquals(6, out.length());
  }

  @Test
  void growsTheBufferForLongEscapedAndMultibyteStrings() {
    String s = "\u0001".repeat(3000) + "\uD83D\uDE00".repeat(1500) + "\u20ac".repeat(2000);
    assertEquals(
        expectedString(s),
        new String(CanonicalJson.toBytes(new JsonString(s)), StandardCharsets.UTF_8));
  }

  @Test
  void escapesAnyStringMinimally() {
    PropertyCheck.forAll(
        "escapesAnyStringMinimally",
        1000,
        r -> randomString(r, r.nextInt(10) == 0 ? 3000 : 20),
        PropertyCheck::escape,
        s ->
            assertArrayEquals(
                expectedString(s).getBytes(StandardCharsets.UTF_8),
                CanonicalJson.toBytes(new JsonString(s))));
  }

  @Test
  void canonicalFormReadsBackAsTheSameValue() {
    PropertyCheck.forAll(
        "canonicalFormReadsBack",
        500,
        Generated::new,
        g -> PropertyCheck.escape(g.text),
        g -> {
          JsonValue parsed = parse(g.text.getBytes(StandardCharsets.UTF_8));
          assertMatches(g.model, parsed, "$");
          byte[] canonical = CanonicalJson.toBytes(parsed);
          assertMatches(g.model, parse(canonical), "$");
        });
  }

  @Test
  void canonicalisingTwiceChangesNothing() {
    PropertyCheck.forAll(
        "canonicalisingTwiceChangesNothing",
        500,
        Generated::new,
        g -> PropertyCheck.escape(g.text),
        g -> {
          byte[] once = CanonicalJson.toBytes(parse(g.text.getBytes(StandardCharsets.UTF_8)));
          byte[] twice = CanonicalJson.toBytes(parse(once));
          assertEquals(
              new String(once, StandardCharsets.UTF_8), new String(twice, StandardCharsets.UTF_8));
          assertArrayEquals(once, twice);
        });
  }

  @Test
  void canonicalFormIsSortedStrictUtf8WithoutRawControls() {
    PropertyCheck.forAll(
        "canonicalFormIsSortedStrictUtf8",
        500,
        Generated::new,
        g -> PropertyCheck.escape(g.text),
        g -> {
          byte[] canonical = CanonicalJson.toBytes(parse(g.text.getBytes(StandardCharsets.UTF_8)));
          for (byte b : canonical) {
            assertTrue((b & 0xff) >= 0x20, "raw control byte " + (b & 0xff));
          }
          try {
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(canonical));
          } catch (CharacterCodingException e) {
            fail("not well-formed UTF-8: " + e);
          }
          assertSortedEverywhere(parse(canonical), "$");
        });
  }

  /** A random JSON value and a text for it with random spacing, escapes and number spellings. */
  static final class Generated {
    final Object model;
    final String text;

    Generated(Random r) {
      StringBuilder out = new StringBuilder();
      this.model = value(r, out, 0);
      this.text = out.toString();
    }

    /** Appends a value's text and returns its model: Map, List, String, Double, Boolean, null. */
    private static Object value(Random r, StringBuilder out, int depth) {
      space(r, out);
      int kind = r.nextInt(depth >= 4 ? 4 : 6);
      Object model;
      switch (kind) {
        case 0:
          out.append("null");
          model = null;
          break;
        case 1:
          boolean b = r.nextBoolean();
          out.append(b);
          model = b;
          break;
        case 2:
          model = number(r, out);
          break;
        case 3:
          model = string(r, out);
          break;
        case 4:
          List<Object> list = new ArrayList<>();
          out.append('[');
          int n = r.nextInt(5);
          for (int i = 0; i < n; i++) {
            if (i > 0) {
              out.append(',');
            }
            list.add(value(r, out, depth + 1));
          }
          space(r, out);
          out.append(']');
          model = list;
          break;
        default:
          Map<String, Object> map = new LinkedHashMap<>();
          out.append('{');
          int m = r.nextInt(6);
          for (int i = 0; i < m; i++) {
            StringBuilder key = new StringBuilder();
            String k = string(r, key);
            if (map.containsKey(k)) {
              continue;
            }
            if (!map.isEmpty()) {
              out.append(',');
            }
            space(r, out);
            out.append(key);
            space(r, out);
            out.append(':');
            map.put(k, value(r, out, depth + 1));
          }
          space(r, out);
          out.append('}');
          model = map;
          break;
      }
      space(r, out);
      return model;
    }

    private static Double number(Random r, StringBuilder out) {
      double d = Es6NumberTest.anyFiniteDouble(r);
      if (d == Math.rint(d) && Math.abs(d) < 1e15 && r.nextBoolean()) {
        out.append((long) d);
      } else if (r.nextBoolean()) {
        out.append(Double.toString(d).replace("E", r.nextBoolean() ? "e" : "E"));
      } else {
        out.append(new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN)));
      }
      return d;
    }

    /** Writes a quoted string with each char raw or escaped at random; returns what it reads as. */
    private static String string(Random r, StringBuilder out) {
      String s = randomString(r, 8);
      StringBuilder model = new StringBuilder();
      out.append('"');
      boolean escapePair = false;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!Character.isLowSurrogate(c) && r.nextInt(12) == 0) {
          // An unpaired low surrogate escape (never between the halves of a pair): U+FFFD.
          out.append(String.format("\\u%04x", 0xdc00 + r.nextInt(0x400)));
          model.append('\uFFFD');
        }
        model.append(c);
        // Both halves of a pair are escaped or neither: a lone raw half has no UTF-8 form.
        boolean escape =
            Character.isLowSurrogate(c)
                ? escapePair
                : c == '"' || c == '\\' || c < 0x20 || r.nextInt(4) == 0;
        escapePair = escape;
        if (escape) {
          out.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
        } else {
          out.append(c);
        }
      }
      out.append('"');
      return model.toString();
    }

    private static void space(Random r, StringBuilder out) {
      while (r.nextInt(4) == 0) {
        out.append(" \t\n\r".charAt(r.nextInt(4)));
      }
    }
  }

  /** Scalar values only, with controls, quotes, backslashes and surrogate pairs favoured. */
  static String randomString(Random r, int maxLength) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(8)) {
        case 0:
          s.append((char) r.nextInt(0x20));
          break;
        case 1:
          s.append("\"\\/<>".charAt(r.nextInt(5)));
          break;
        case 2:
          s.appendCodePoint(0x10000 + r.nextInt(0x100000));
          break;
        case 3:
          char c = (char) (0x80 + r.nextInt(0xff80));
          s.append(Character.isSurrogate(c) ? '\uE000' : c);
          break;
        case 4:
          s.append("\u2028\u2029\u00a0\uFEFF\u007f\uFFFD\uE000".charAt(r.nextInt(7)));
          break;
        default:
          s.append((char) (0x20 + r.nextInt(0x5f)));
          break;
      }
    }
    return s.toString();
  }

  /** RFC 8785 string form, written out independently of the code under test. */
  static String expectedString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\r':
          out.append("\\r");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** Structural equality: object members as maps, numbers by double value. */
  static void assertMatches(Object model, JsonValue actual, String path) {
    assertNotNull(actual, path);
    if (model == null) {
      assertTrue(actual.isNull(), path + " should be null: " + actual);
    } else if (model instanceof Boolean) {
      assertTrue(actual instanceof JsonBoolean, path + " should be a boolean: " + actual);
      assertEquals(model, ((JsonBoolean) actual).value(), path);
    } else if (model instanceof Double) {
      assertTrue(actual instanceof JsonNumber, path + " should be a number: " + actual);
      double expected = (Double) model;
      double value = ((JsonNumber) actual).doubleValue();
      assertTrue(expected == value, path + ": expected " + expected + ", got " + value);
    } else if (model instanceof String) {
      assertTrue(actual instanceof JsonString, path + " should be a string: " + actual);
      assertEquals(
          PropertyCheck.escape((String) model), PropertyCheck.escape(actual.asString()), path);
    } else if (model instanceof List) {
      JsonArray array = actual.asArray();
      assertNotNull(array, path + " should be an array: " + actual);
      List<?> list = (List<?>) model;
      assertEquals(list.size(), array.size(), path + " size");
      for (int i = 0; i < list.size(); i++) {
        assertMatches(list.get(i), array.get(i), path + "[" + i + "]");
      }
    } else {
      JsonObject object = actual.asObject();
      assertNotNull(object, path + " should be an object: " + actual);
      Map<?, ?> map = (Map<?, ?>) model;
      assertEquals(map.keySet(), object.members().keySet(), path + " keys");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        assertMatches(e.getValue(), object.get((String) e.getKey()), path + "." + e.getKey());
      }
    }
  }

  private static void assertSortedEverywhere(JsonValue v, String path) {
    JsonObject object = v.asObject();
    if (object != null) {
      String previous = null;
      for (Map.Entry<String, JsonValue> e : object.members().entrySet()) {
        if (previous != null) {
          assertTrue(
              previous.compareTo(e.getKey()) < 0,
              path
                  + ": "
                  + PropertyCheck.escape(previous)
                  + " before "
                  + PropertyCheck.escape(e.getKey()));
        }
        previous = e.getKey();
        assertSortedEverywhere(e.getValue(), path + "." + e.getKey());
      }
    }
    JsonArray array = v.asArray();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        assertSortedEverywhere(array.get(i), path + "[" + i + "]");
      }
    }
  }

  private static String canonical(String json) throws JsonException {
    return new String(canonicalBytes(json), StandardCharsets.UTF_8);
  }

  private static byte[] canonicalBytes(String json) throws JsonException {
    return CanonicalJson.toBytes(JsonReader.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String canonicalString(String s) {
    return new String(CanonicalJson.toBytes(new JsonString(s)), StandardCharsets.UTF_8);
  }

  private static JsonValue parse(byte[] json) {
    try {
      return JsonReader.parse(json);
    } catch (JsonException e) {
      throw new AssertionError("does not parse: " + e.getMessage(), e);
    }
  }
}
