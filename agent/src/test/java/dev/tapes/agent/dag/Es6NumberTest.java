package dev.tapes.agent.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.agent.testing.PropertyCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins {@link Es6Number} to JavaScript's {@code Number.prototype.toString}, as RFC 8785 wants. */
class Es6NumberTest {
  /** The ECMAScript output grammar: plain decimal, or one leading digit and a signed exponent. */
  private static final Pattern ES6_NUMBER =
      Pattern.compile(
          "-?(?:0|[1-9][0-9]*(?:\\.[0-9]*[1-9])?|0\\.[0-9]*[1-9]"
              + "|[1-9](?:\\.[0-9]*[1-9])?e[+-][1-9][0-9]*)");

  static Stream<Arguments> javascriptOutputs() {
    return Stream.of(
        Arguments.of(3.0, "3"),
        Arguments.of(-0.0, "0"),
        Arguments.of(0.0, "0"),
        Arguments.of(1e21, "1e+21"),
        Arguments.of(1e20, "100000000000000000000"),
        Arguments.of(123456789012345680000.0, "123456789012345680000"),
        Arguments.of(1e-7, "1e-7"),
        Arguments.of(1.5e-7, "1.5e-7"),
        Arguments.of(0.000001, "0.000001"),
        Arguments.of(0.0000012345, "0.0000012345"),
        Arguments.of(123e-20, "1.23e-18"),
        Arguments.of(5e-324, "5e-324"),
        Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
        Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
        Arguments.of(0.1 + 0.2, "0.30000000000000004"),
        Arguments.of(0.1, "0.1"),
        Arguments.of(4.35, "4.35"),
        Arguments.of(100.0, "100"),
        Arguments.of(1e16, "10000000000000000"),
        Arguments.of(Math.pow(2, 60), "1152921504606847000"),
        Arguments.of((double) 9007199254740993L, "9007199254740992"),
        Arguments.of(Math.pow(2, 54), "18014398509481984"),
        // JDK 17's Double.toString prints 8.409999999999999E21 and 2.82879384806159008E17 here.
        Arguments.of(8.41e21, "8.41e+21"),
        Arguments.of(2.82879384806159e17, "282879384806159000"),
        Arguments.of(2e23, "2e+23"),
        Arguments.of(-1.5, "-1.5"),
        Arguments.of(-1e21, "-1e+21"),
        Arguments.of(-1e-7, "-1e-7"),
        Arguments.of(-123.456, "-123.456"),
        Arguments.of(-5e-324, "-5e-324"));
  }

  @ParameterizedTest
  @MethodSource("javascriptOutputs")
  void printsLikeJavascriptNumberToString(double value, String expected) {
    assertEquals(expected, Es6Number.format(value));
  }

  /** The sample values of RFC 8785 appendix B, given there as IEEE bits. */
  static Stream<Arguments> rfc8785AppendixB() {
    return Stream.of(
        Arguments.of("0000000000000000", "0"),
        Arguments.of("8000000000000000", "0"),
        Arguments.of("0000000000000001", "5e-324"),
        Arguments.of("8000000000000001", "-5e-324"),
        Arguments.of("7fefffffffffffff", "1.7976931348623157e+308"),
        Arguments.of("ffefffffffffffff", "-1.7976931348623157e+308"),
        Arguments.of("4340000000000000", "9007199254740992"),
        Arguments.of("c340000000000000", "-9007199254740992"),
        Arguments.of("4430000000000000", "295147905179352830000"),
        Arguments.of("44b52d02c7e14af5", "9.999999999999997e+22"),
        Arguments.of("44b52d02c7e14af6", "1e+23"),
        Arguments.of("44b52d02c7e14af7", "1.0000000000000001e+23"),
        Arguments.of("444b1ae4d6e2ef4e", "999999999999999700000"),
        Arguments.of("444b1ae4d6e2ef4f", "999999999999999900000"),
        Arguments.of("444b1ae4d6e2ef50", "1e+21"),
        Arguments.of("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
        Arguments.of("3eb0c6f7a0b5ed8d", "0.000001"),
        Arguments.of("41b3de4355555553", "333333333.3333332"),
        Arguments.of("41b3de4355555554", "333333333.33333325"),
        Arguments.of("41b3de4355555555", "333333333.3333333"),
        Arguments.of("41b3de4355555556", "333333333.3333334"),
        Arguments.of("41b3de4355555557", "333333333.33333343"),
        Arguments.of("becbf647612f3696", "-0.0000033333333333333333"),
        Arguments.of("43143ff3c1cb0959", "1424953923781206.2"));
  }

  @ParameterizedTest
  @MethodSource("rfc8785AppendixB")
  void printsTheRfc8785SampleValues(String bits, String expected) {
    assertEquals(
        expected, Es6Number.format(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))));
  }

  /**
   * Over a thousand values printed by JavaScript itself (see es6-number-golden.js next to the
   * data): random bit patterns, short decimals, powers of two and of ten and their neighbours.
   */
  @Test
  void agreesWithJavascriptOnTheGoldenTable() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int checked = 0;
    for (String[] entry : goldenTable()) {
      double value = Double.longBitsToDouble(Long.parseUnsignedLong(entry[0], 16));
      String actual = Es6Number.format(value);
      if (!actual.equals(entry[1])) {
        mismatches.add(entry[0] + ": expected " + entry[1] + ", got " + actual);
      }
      checked++;
    }
    assertTrue(checked > 1000, "golden table has " + checked + " entries");
    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void rejectsValuesJsonCannotExpress(double value) {
    assertThrows(IllegalArgumentException.class, () -> Es6Number.format(value));
  }

  @Test
  void readsBackToTheSameDoubleForAnyFiniteValue() {
    PropertyCheck.forAll(
        "readsBackToTheSameDouble",
        2000,
        Es6NumberTest::anyFiniteDouble,
        d -> d + " (bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + ")",
        d -> {
          String printed = Es6Number.format(d);
          double expected = d == 0 ? 0.0 : d; // -0 prints as "0"
          assertEquals(
              Double.doubleToRawLongBits(expected),
              Double.doubleToRawLongBits(Double.parseDouble(printed)),
              printed);
        });
  }

  @Test
  void followsTheEcmascriptGrammarForAnyFiniteValue() {
    PropertyCheck.forAll(
        "followsTheEcmascriptGrammar",
        2000,
        Es6NumberTest::anyFiniteDouble,
        d -> {
          String printed = Es6Number.format(d);
          assertTrue(ES6_NUMBER.matcher(printed).matches(), printed);
          double magnitude = Math.abs(d);
          boolean exponent = magnitude >= 1e21 || (magnitude > 0 && magnitude < 1e-6);
          assertEquals(exponent, printed.contains("e"), printed);
        });
  }

  /**
   * The digits are the fewest that read back, and of those the nearest to the exact value: checked
   * against BigDecimal rounding of the exact binary value. Powers of two are left out, where the
   * rounding interval is lopsided and the nearest rounding is not always the shortest.
   */
  @Test
  void printsTheShortestNearestDigits() {
    PropertyCheck.forAll(
        "printsTheShortestNearestDigits",
        2000,
        Es6NumberTest::anyFiniteDouble,
        d -> {
          if (d == 0 || (Double.doubleToRawLongBits(d) & 0x000fffffffffffffL) == 0) {
            return;
          }
          BigDecimal expected = shortestNearest(d);
          BigDecimal printed = new BigDecimal(Es6Number.format(d));
          assertEquals(0, expected.compareTo(printed), "expected " + expected + ", got " + printed);
          assertEquals(
              expected.stripTrailingZeros().precision(),
              printed.stripTrailingZeros().precision(),
              "significant digits");
        });
  }

  @Test
  void integersBelowTwoToThe53PrintWithoutFractionOrExponent() {
    PropertyCheck.forAll(
        "integersBelowTwoToThe53",
        1000,
        r -> (r.nextLong() >> 11) + (r.nextBoolean() ? 0 : r.nextInt(2000) - 1000),
        n -> {
          String printed = Es6Number.format((double) n);
          assertEquals(Long.toString(n), printed);
          assertFalse(printed.contains(".") || printed.contains("e"), printed);
        });
  }

  private static BigDecimal shortestNearest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(rounded.toString()) == d) {
        return rounded;
      }
    }
    throw new AssertionError("no 17-digit decimal reads back to " + d);
  }

  /** Finite doubles of every kind: raw bit patterns, short decimals, and boundary neighbours. */
  static double anyFiniteDouble(Random r) {
    double d;
    switch (r.nextInt(5)) {
      case 0:
        d = Double.longBitsToDouble(r.nextLong());
        break;
      case 1:
        d = Double.parseDouble((1 + r.nextInt(999999)) + "e" + (r.nextInt(640) - 330));
        break;
      case 2:
        double[] edges = {1e21, 1e-6, 1e-7, 9007199254740992.0, Double.MIN_VALUE, 1.0, 0.1};
        double edge = edges[r.nextInt(edges.length)];
        d = Double.longBitsToDouble(Double.doubleToRawLongBits(edge) + r.nextInt(5) - 2);
        break;
      case 3:
        d = r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
        break;
      default:
        d = r.nextInt(1 << 20) / 1024.0;
        break;
    }
    if (!Double.isFinite(d)) {
      d = Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
    }
    return r.nextBoolean() ? d : -d;
  }

  private static List<String[]> goldenTable() throws IOException {
    List<String[]> entries = new ArrayList<>();
    try (InputStream in = Es6NumberTest.class.getResourceAsStream("es6-number-golden.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          entries.add(line.split(" ", 2));
        }
      }
    }
    return entries;
  }
}
