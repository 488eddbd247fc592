package dev.tapes.agent.dag;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;

/**
 * Prints a double as JavaScript's {@code Number.prototype.toString} does, which RFC 8785 requires:
 * the shortest digits that read back to the same double, laid out without an exponent between 1e-7
 * and 1e21. Java's own {@code Double.toString} differs in layout, and before JDK 19 also in digits.
 */
public final class Es6Number {
  private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0; // 2^53

  private Es6Number() {}

  /**
   * @throws IllegalArgumentException for NaN and infinities, which JSON cannot express
   */
  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return "0";
    }
    if (v == Math.rint(v) && Math.abs(v) < EXACT_INTEGER_LIMIT) {
      return Long.toString((long) v);
    }
    return layout(Math.abs(v), v < 0);
  }

  /**
   * The one-digit decimal that reads back to the same double as the two-digit {@code 0.digits *
   * 10^n}, the closer one when both neighbours do; null when neither does. Returns the digit, with
   * a trailing "0" when rounding up carried into a new leading place (9.6 to 10).
   */
  private static String oneDigit(String digits, int n, double value) {
    int first = digits.charAt(0) - '0';
    String best = null;
    BigDecimal exact = new BigDecimal(value);
    BigDecimal bestDistance = null;
    for (int d = first; d <= first + 1; d++) {
      String candidate = d == 10 ? "10" : Integer.toString(d);
      int exponent = d == 10 ? n + 1 : n;
      String text = "0." + (d == 10 ? "1" : candidate) + "E" + exponent;
      if (Double.parseDouble(text) != value) {
        continue;
      }
      BigDecimal distance = new BigDecimal(text).subtract(exact).abs();
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return best;
  }

  /**
   * Re-lays the shortest decimal that Java prints ({@code 1.2345E-7}, {@code 123.45}) in
   * ECMAScript's form.
   */
  private static String layout(double magnitude, boolean negative) {
    String java = DoubleToDecimal.toString(magnitude);
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    // n is the position of the decimal point relative to the digits: value = 0.digits * 10^n.
    int n = dot + exponent;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
      n--;
    }
    int trail = digits.length();
    while (trail > lead + 1 && digits.charAt(trail - 1) == '0') {
      trail--;
    }
    digits = digits.substring(lead, trail);
    if (digits.length() == 2) {
      // Java prints at least two digits and may then pick a closer two-digit decimal where one
      // digit already reads back (4.9e-324 for 5e-324); JavaScript takes the shortest.
      String one = oneDigit(digits, n, magnitude);
      if (one != null) {
        digits = one.substring(0, 1);
        n += one.length() - 1;
      }
    }
    int k = digits.length();

    StringBuilder out = new StringBuilder(k + 8);
    if (negative) {
      out.append('-');
    }
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = k; i < n; i++) {
        out.append('0');
      }
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = n; i < 0; i++) {
        out.append('0');
      }
      out.append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
    }
    return out.toString();
  }
}
