package dev.tapes.agent.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Projection computes its text steps in as few passes as it can; these tests hold it to the
 * step-by-step definition of the node format, written here as plainly as possible.
 */
class ProjectionOnePassTest {
  private static final Pattern BLANKS_BEFORE_NEWLINE = Pattern.compile("[ \t]+\n");
  private static final Pattern NEWLINE_RUNS = Pattern.compile("\n{2,}");

  /** Unicode White_Space, as the node format lists it. */
  private static final String WHITE_SPACE =
      "\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
          + "\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

  private static final String[] TAG_PIECES = {
    "<",
    ">",
    "/",
    "a",
    " ",
    "é",
    "😀",
    "</",
    "<system-reminder>",
    "</system-reminder>",
    "<status>",
    "</status>",
    "<event>",
    "</event>",
    "<command-name>",
    "</command-name>",
    "<sta",
    "tus>",
    "<sys",
    "tem-reminder>"
  };

  private static final String[] PIECES = {
    " ", "\t", "\r", "\n", "\r\n", "a", "é", "😀", "\u00a0", "\u2028", "\u3000", "\u000b", "\u0085"
  };

  @Test
  void normalizeWhitespaceAppliesTheStepsInOrder() {
    assertEquals("a\n\tb", Projection.normalizeWhitespace("a  \n \n\tb"));
    assertEquals("line\n  next", Projection.normalizeWhitespace("line \r\n\r\n  next"));
    assertEquals("x\r\ny", Projection.normalizeWhitespace("x\r\r\ny"));
    assertEquals("x", Projection.normalizeWhitespace("\u3000 \r\n x\u00a0\n\n"));
    assertEquals("", Projection.normalizeWhitespace(" \t\r\n\n"));
    assertEquals("a\nb", Projection.normalizeWhitespace("a \t\r\nb"));
  }

  @Test
  void normalizeWhitespaceAgreesWithTheStepByStepDefinition() {
    Random random = new Random(4);
    for (int i = 0; i < 200_000; i++) {
      String text = randomText(random);
      assertEquals(stepByStep(text), Projection.normalizeWhitespace(text), () -> escape(text));
    }
  }

  @Test
  void stripHarnessTagsStripsEachTagInTurn() {
    assertEquals("a  b", Projection.stripHarnessTags("a <status>x</status> b"));
    assertEquals("x < y", Projection.stripHarnessTags("x < y"));
    assertEquals("a", Projection.stripHarnessTags("a<event>never closed"));
    // Stripping an earlier tag can join an opening tag of a later one, which is then stripped...
    assertEquals("", Projection.stripHarnessTags("<sta<system-reminder>r</system-reminder>tus>x"));
    // ...and so is one of the same tag, as tapes searches again after every cut.
    assertEquals(
        "", Projection.stripHarnessTags("<sys<system-reminder>r</system-reminder>tem-reminder>x"));
  }

  @Test
  void stripHarnessTagsAgreesWithCuttingTheFirstSpanUntilNoneIsLeft() {
    Random random = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(16); n > 0; n--) {
        text.append(TAG_PIECES[random.nextInt(TAG_PIECES.length)]);
      }
      String s = text.toString();
      assertEquals(tagByTag(s), Projection.stripHarnessTags(s), s);
    }
  }

  /**
   * Each tag in order: the first opening tag through the next closing tag (or to the end) is cut,
   * and the search starts over on the result, until no opening tag is left.
   */
  private static String tagByTag(String text) {
    String s = text;
    for (String tag : Projection.HARNESS_TAGS) {
      String open = Pattern.quote("<" + tag + ">");
      String close = Pattern.quote("</" + tag + ">");
      Pattern span = Pattern.compile("(?s)" + open + "(?:.*?" + close + "|.*)");
      String before;
      do {
        before = s;
        s = span.matcher(s).replaceFirst("");
      } while (!s.equals(before));
    }
    return s;
  }

  private static String stepByStep(String text) {
    String s = text.replace("\r\n", "\n");
    s = BLANKS_BEFORE_NEWLINE.matcher(s).replaceAll("\n");
    s = NEWLINE_RUNS.matcher(s).replaceAll("\n");
    int start = 0;
    int end = s.length();
    while (start < end && WHITE_SPACE.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && WHITE_SPACE.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(24); n > 0; n--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.chars()
        .forEach(
            c -> out.append(c < 0x7f && c >= 0x20 ? "" + (char) c : String.format("\\u%04x", c)));
    return out.toString();
  }
}
