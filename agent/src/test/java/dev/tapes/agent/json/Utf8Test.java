package dev.tapes.agent.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.agent.testing.PropertyCheck;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins {@link Utf8} to Go's {@code utf8.DecodeRune} loop: each byte that does not start a
 * well-formed sequence becomes one U+FFFD and decoding resumes at the next byte.
 */
class Utf8Test {
  private static final String R = "\uFFFD";

  static Stream<Arguments> decodings() {
    return Stream.of(
        Arguments.of("41 62 63", "Abc"),
        Arguments.of("e2 82 ac", "\u20AC"),
        Arguments.of("f0 9f 98 80", "\uD83D\uDE00"),
        Arguments.of("ef bf bd", R),
        // Truncated sequences: the lead byte and each continuation byte count apart.
        Arguments.of("e2 82 41", R + R + "A"),
        Arguments.of("e2 82", R + R),
        Arguments.of("c3", R),
        Arguments.of("c3 28", R + "("),
        Arguments.of("f0 9f 98", R + R + R),
        Arguments.of("f0 9f 98 41", R + R + R + "A"),
        // Overlong forms.
        Arguments.of("c0 af", R + R),
        Arguments.of("c1 bf", R + R),
        Arguments.of("e0 80 af", R + R + R),
        Arguments.of("e0 9f bf", R + R + R),
        Arguments.of("f0 80 80 af", R + R + R + R),
        Arguments.of("f0 8f bf bf", R + R + R + R),
        // Surrogates encoded as UTF-8 are not scalar values.
        Arguments.of("ed a0 80", R + R + R),
        Arguments.of("ed bf bf", R + R + R),
        Arguments.of("ed a0 bd ed b8 80", R + R + R + R + R + R),
        Arguments.of("ed 9f bf", "\uD7FF"),
        Arguments.of("ee 80 80", "\uE000"),
        // Beyond U+10FFFF, and bytes that never lead.
        Arguments.of("f4 8f bf bf", "\uDBFF\uDFFF"),
        Arguments.of("f4 90 80 80", R + R + R + R),
        Arguments.of("f5 80 80 80", R + R + R + R),
        Arguments.of("f8 88 80 80 80", R + R + R + R + R),
        Arguments.of("fe ff", R + R),
        // Lone continuation bytes.
        Arguments.of("80", R),
        Arguments.of("bf", R),
        Arguments.of("80 80 41", R + R + "A"),
        Arguments.of("61 ff 62", "a" + R + "b"),
        Arguments.of("e2 e2 82 ac", R + "\u20AC"));
  }

  @ParameterizedTest
  @MethodSource("decodings")
  void invalidBytesDecodeToOneReplacementEach(String hex, String expected) {
    byte[] bytes = bytes(hex);
    assertEquals(
        PropertyCheck.escape(expected), PropertyCheck.escape(Utf8.decode(bytes, 0, bytes.length)));
  }

  @Test
  void decodesOnlyTheGivenRange() {
    byte[] bytes = bytes("41 e2 82 ac 42");
    assertEquals("\u20AC", Utf8.decode(bytes, 1, 3));
    assertEquals(R + R, Utf8.decode(bytes, 1, 2));
  }

  @Test
  void decodeIntoArrayReportsCharsWritten() {
    byte[] bytes = bytes("f0 9f 98 80 ff");
    char[] out = new char[bytes.length];
    assertEquals(3, Utf8.decode(bytes, 0, bytes.length, out));
    assertEquals("\uD83D\uDE00" + R, new String(out, 0, 3));
  }

  @Test
  void agreesWithTheStrictDecoderOnAnyBytes() {
    PropertyCheck.forAll(
        "agreesWithTheStrictDecoder",
        2000,
        Utf8Test::utf8ishBytes,
        PropertyCheck::hex,
        bytes ->
            assertEquals(
                PropertyCheck.escape(goDecodeRuneLoop(bytes)),
                PropertyCheck.escape(Utf8.decode(bytes, 0, bytes.length))));
  }

  @Test
  void isValidAgreesWithTheStrictDecoderAcrossAsciiRuns() {
    // ASCII runs of every length put the other bytes at every position of an eight-byte word.
    PropertyCheck.forAll(
        "isValidAgreesWithTheStrictDecoder",
        2000,
        r -> {
          java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
          for (int n = r.nextInt(4); n >= 0; n--) {
            for (int k = r.nextInt(20); k > 0; k--) {
              out.write(0x20 + r.nextInt(0x5f));
            }
            byte[] piece = utf8ishBytes(r);
            out.write(piece, 0, Math.min(piece.length, r.nextInt(4)));
          }
          return out.toByteArray();
        },
        PropertyCheck::hex,
        bytes -> {
          int off = bytes.length == 0 ? 0 : new Random(bytes.length).nextInt(bytes.length);
          int len = bytes.length - off;
          assertEquals(strictDecode(bytes, off, len) != null, Utf8.isValid(bytes, off, len));
          assertEquals(
              strictDecode(bytes, 0, bytes.length) != null, Utf8.isValid(bytes, 0, bytes.length));
        });
  }

  @Test
  void decodesWellFormedUtf8LikeTheJdk() {
    PropertyCheck.forAll(
        "decodesWellFormedUtf8LikeTheJdk",
        1000,
        Utf8Test::scalarString,
        PropertyCheck::escape,
        s -> {
          byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
          assertEquals(s, Utf8.decode(bytes, 0, bytes.length));
        });
  }

  @Test
  void decodedTextIsScalarValuesAndReencodesToAFixedPoint() {
    PropertyCheck.forAll(
        "decodedTextIsAFixedPoint",
        1000,
        Utf8Test::utf8ishBytes,
        PropertyCheck::hex,
        bytes -> {
          String once = Utf8.decode(bytes, 0, bytes.length);
          assertTrue(once.length() <= bytes.length, "never more chars than bytes");
          assertFalse(hasUnpairedSurrogate(once), "no unpaired surrogate");
          byte[] again = once.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          assertEquals(once, Utf8.decode(again, 0, again.length));
        });
  }

  static Stream<Arguments> scalarValueCases() {
    return Stream.of(
        Arguments.of("a\uD800b", "a" + R + "b"),
        Arguments.of("\uDC00", R),
        Arguments.of("x\uD83D", "x" + R),
        Arguments.of("\uDE00\uD83D", R + R),
        Arguments.of("\uD83D\uD83D\uDE00", R + "\uD83D\uDE00"),
        Arguments.of("\uD83D\uDE00\uDE00", "\uD83D\uDE00" + R),
        Arguments.of("ok \uD83D\uDE00", "ok \uD83D\uDE00"));
  }

  @ParameterizedTest
  @MethodSource("scalarValueCases")
  void scalarValuesReplacesOnlyUnpairedSurrogates(String in, String expected) {
    assertEquals(PropertyCheck.escape(expected), PropertyCheck.escape(Utf8.scalarValues(in)));
  }

  @Test
  void scalarValuesReturnsTheSameStringWhenNothingIsUnpaired() {
    String plain = "plain text \u20AC";
    assertSame(plain, Utf8.scalarValues(plain));
  }

  @Test
  void scalarValuesKeepsLengthPairsAndOtherChars() {
    PropertyCheck.forAll(
        "scalarValuesKeepsLengthPairsAndOtherChars",
        1000,
        Utf8Test::surrogateHeavyString,
        PropertyCheck::escape,
        s -> {
          String out = Utf8.scalarValues(s);
          assertEquals(s.length(), out.length());
          for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired =
                (Character.isHighSurrogate(c)
                        && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1)))
                    || (Character.isLowSurrogate(c)
                        && i > 0
                        && Character.isHighSurrogate(s.charAt(i - 1))
                        && out.charAt(i - 1) == s.charAt(i - 1));
            char expected = Character.isSurrogate(c) && !paired ? '\uFFFD' : c;
            assertEquals(expected, out.charAt(i), "char " + i);
          }
        });
  }

  @Test
  void invalidUtf8InsideAJsonStringBecomesReplacements() throws JsonException {
    byte[] body =
        concat("{\"k\":\"a".getBytes(StandardCharsets.US_ASCII), bytes("ff e2 82 ed a0 80"));
    body = concat(body, "b\"}".getBytes(StandardCharsets.US_ASCII));
    JsonObject o = JsonReader.parse(body).asObject();
    assertEquals(
        PropertyCheck.escape("a" + R + R + R + R + R + R + "b"),
        PropertyCheck.escape(o.string("k")));
  }

  @Test
  void invalidUtf8InsideAKeyBecomesReplacements() throws JsonException {
    byte[] body = concat("{\"".getBytes(StandardCharsets.US_ASCII), bytes("c0 af"));
    body = concat(body, "\":1}".getBytes(StandardCharsets.US_ASCII));
    JsonObject o = JsonReader.parse(body).asObject();
    assertEquals(1, o.size());
    assertTrue(o.members().containsKey(R + R), o.members().keySet().toString());
  }

  static Stream<Arguments> escapedSurrogates() {
    return Stream.of(
        Arguments.of("\"\\ud800\"", R),
        Arguments.of("\"\\udfff\"", R),
        Arguments.of("\"\\ud800\\u0041\"", R + "A"),
        Arguments.of("\"\\udc00\\ud800\"", R + R),
        Arguments.of("\"\\ud83d\\ude00\"", "\uD83D\uDE00"),
        Arguments.of("\"\\uD83D\\uDE00\\uD83D\"", "\uD83D\uDE00" + R));
  }

  @ParameterizedTest
  @MethodSource("escapedSurrogates")
  void unpairedSurrogateEscapesBecomeReplacements(String json, String expected)
      throws JsonException {
    assertEquals(
        PropertyCheck.escape(expected),
        PropertyCheck.escape(
            JsonReader.parse(json.getBytes(StandardCharsets.US_ASCII)).asString()));
    assertEquals(
        PropertyCheck.escape(expected), PropertyCheck.escape(JsonReader.parse(json).asString()));
  }

  @Test
  void escapedBackslashBeforeSurrogateLikeTextKeepsTheText() throws JsonException {
    assertEquals(
        "\\ud800 \uD83D\uDE00",
        JsonReader.parse("[\"\\\\ud800 \\ud83d\\ude00\"]".getBytes(StandardCharsets.US_ASCII))
            .asArray()
            .get(0)
            .asString());
  }

  @Test
  void surrogateEscapeInOneStringLeavesTheOthersIntact() throws JsonException {
    JsonObject o =
        JsonReader.parse(
                "{\"a\":\"\\udc00\",\"\u00e9\\ud800\":\"caf\u00e9 \uD83D\uDE00\"}"
                    .getBytes(StandardCharsets.UTF_8))
            .asObject();
    assertEquals(R, o.string("a"));
    assertEquals("caf\u00e9 \uD83D\uDE00", o.string("\u00e9" + R));
  }

  @Test
  void surrogateEscapesAnywhereInALongDocumentReadAsInText() {
    String[] pieces = {
      "abc",
      "\\n",
      "\\\\",
      "\\u0041",
      "\\ud800",
      "\\uDC00",
      "\\ud83d\\ude00",
      "\u00e9",
      "\uD83D\uDE00"
    };
    PropertyCheck.forAll(
        "surrogateEscapesAnywhereInALongDocument",
        1000,
        r -> {
          StringBuilder json = new StringBuilder("{\"");
          for (int n = r.nextInt(4); n > 0; n--) {
            json.append(pieces[r.nextInt(pieces.length)]);
          }
          json.append("\":\"");
          for (int n = r.nextInt(30); n > 0; n--) {
            json.append(pieces[r.nextInt(pieces.length)]);
          }
          return json.append("\"}").toString();
        },
        PropertyCheck::escape,
        json -> {
          try {
            assertEquals(
                PropertyCheck.escape(JsonReader.parse(json).toString()),
                PropertyCheck.escape(
                    JsonReader.parse(json.getBytes(StandardCharsets.UTF_8)).toString()));
          } catch (JsonException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void unpairedSurrogateEscapeInAKeyBecomesAReplacement() throws JsonException {
    JsonObject o = JsonReader.parse("{\"a\\udc00\":true}").asObject();
    assertTrue(o.members().containsKey("a" + R), o.members().keySet().toString());
  }

  @Test
  void rawUnpairedSurrogateInATextDocumentBecomesAReplacement() throws JsonException {
    assertEquals(R + "x", JsonReader.parse("[\"\uD800x\"]").asArray().get(0).asString());
  }

  /**
   * Go's loop, written against the JDK's strict decoder: at each position, a complete well-formed
   * sequence of one to four bytes is one code point; otherwise the byte is U+FFFD. UTF-8 is
   * prefix-free, so at most one length can be well-formed.
   */
  static String goDecodeRuneLoop(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < bytes.length) {
      String one = null;
      int used = 1;
      for (int n = 1; n <= 4 && i + n <= bytes.length && one == null; n++) {
        one = strictDecode(bytes, i, n);
        used = n;
      }
      if (one == null || one.codePointCount(0, one.length()) != 1) {
        out.append('\uFFFD');
        i++;
      } else {
        out.append(one);
        i += used;
      }
    }
    return out.toString();
  }

  private static String strictDecode(byte[] bytes, int off, int len) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, off, len)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Bytes that are mostly UTF-8-shaped: lead bytes, continuation bytes, ASCII, whole sequences. */
  static byte[] utf8ishBytes(Random r) {
    int n = r.nextInt(24);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(6)) {
        case 0:
          out.write(0x20 + r.nextInt(0x5f));
          break;
        case 1:
          out.write(0x80 + r.nextInt(0x40));
          break;
        case 2:
          out.write(0xc0 + r.nextInt(0x40));
          break;
        case 3:
          int[] edges = {
            0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0
          };
          out.write(edges[r.nextInt(edges.length)]);
          break;
        case 4:
          byte[] whole =
              new String(Character.toChars(randomCodePoint(r))).getBytes(StandardCharsets.UTF_8);
          out.write(whole, 0, whole.length);
          break;
        default:
          out.write(r.nextInt(256));
          break;
      }
    }
    return out.toByteArray();
  }

  static String scalarString(Random r) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(16);
    for (int i = 0; i < n; i++) {
      s.appendCodePoint(randomCodePoint(r));
    }
    return s.toString();
  }

  private static String surrogateHeavyString(Random r) {
    char[] pool = {'a', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '\uFFFD'};
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(pool[r.nextInt(pool.length)]);
    }
    return s.toString();
  }

  /** A scalar value from each UTF-8 length, with the range edges favoured. */
  private static int randomCodePoint(Random r) {
    int[] edges = {0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff};
    switch (r.nextInt(5)) {
      case 0:
        return edges[r.nextInt(edges.length)];
      case 1:
        return r.nextInt(0x80);
      case 2:
        return 0x80 + r.nextInt(0x800 - 0x80);
      case 3:
        int cp = 0x800 + r.nextInt(0x10000 - 0x800);
        return Character.isSurrogate((char) cp) ? 0xe000 + (cp & 0xfff) : cp;
      default:
        return 0x10000 + r.nextInt(0x110000 - 0x10000);
    }
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  static byte[] bytes(String hex) {
    String[] parts = hex.trim().split(" +");
    byte[] out = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
