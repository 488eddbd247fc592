package dev.tapes.agent.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Unpaired surrogates become U+FFFD; strings without one, emoji included, come back as they are.
 */
class Utf8ScalarValuesTest {
  private static final char[] CHARS = {'a', 'é', '\uD83D', '\uDE00', '\uD800', '\uDFFF', '\uFFFD'};

  @Test
  void pairedSurrogatesReturnTheSameString() {
    String text = "caf\u00e9 \uD83D\uDE00 and \uD83E\uDD16";
    assertSame(text, Utf8.scalarValues(text));
  }

  @Test
  void unpairedSurrogatesBecomeReplacementCharacters() {
    assertEquals("\uD83D\uDE00\uFFFD", Utf8.scalarValues("\uD83D\uDE00\uDE00"));
    assertEquals("\uFFFD\uD83D\uDE00", Utf8.scalarValues("\uD83D\uD83D\uDE00"));
    assertEquals("a\uFFFD", Utf8.scalarValues("a\uD800"));
  }

  @Test
  void agreesWithReplacingEverySurrogateCodePoint() {
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(CHARS[random.nextInt(CHARS.length)]);
      }
      String s = text.toString();
      int[] scalars =
          s.codePoints().map(cp -> cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp).toArray();
      assertEquals(new String(scalars, 0, scalars.length), Utf8.scalarValues(s));
    }
  }
}
