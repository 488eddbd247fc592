package dev.tapes.agent.dag;

import java.util.Arrays;

/**
 * The projection of one text field, as {@link Projection} defines it: harness tags stripped, then
 * whitespace normalised. It is kept as the lines of the text that survive, pieces of a reusable
 * char buffer, so that a node's hash input can be written without building the projected string.
 *
 * <p>The whitespace steps of the node format ({@code \r\n} to {@code \n}, spaces and tabs before a
 * newline removed, runs of newlines collapsed, Unicode White_Space trimmed at both ends) come to
 * this: trim the text; split it at each {@code \n}; from each line that a {@code \n} ends, remove
 * one {@code \r} at its end and then the spaces and tabs before it; drop the lines left empty; join
 * the rest with {@code \n}. Trimming can come first because the line steps only remove White_Space
 * and never look past a character that is not White_Space. The first line starts with such a
 * character, so it is never empty, and a dropped line always follows a newline that stays.
 *
 * <p>Not thread-safe: one instance per {@link NodeHasher}.
 */
final class ProjectedText {
  private char[] chars = new char[0];

  /** The kept lines: line {@code i} is {@code chars[lines[2i], lines[2i+1])}. */
  private int[] lines = new int[32];

  private int lineCount;

  /** Projects {@code text}, replacing what this held before. */
  ProjectedText project(String text) {
    return normalize(Projection.stripHarnessTags(text));
  }

  /** Normalises the whitespace of {@code text} only, replacing what this held before. */
  ProjectedText normalize(String text) {
    int n = text.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    text.getChars(0, n, chars, 0);

    int first = 0;
    while (first < n && Projection.isWhiteSpace(chars[first])) {
      first++;
    }
    int last = n;
    while (last > first && Projection.isWhiteSpace(chars[last - 1])) {
      last--;
    }

    lineCount = 0;
    int start = first;
    while (start < last) {
      int newline = text.indexOf('\n', start);
      if (newline < 0 || newline >= last) {
        addLine(start, last);
        break;
      }
      int end = newline;
      if (end > start && chars[end - 1] == '\r') {
        end--;
      }
      while (end > start && (chars[end - 1] == ' ' || chars[end - 1] == '\t')) {
        end--;
      }
      if (end > start) {
        addLine(start, end);
      }
      start = newline + 1;
    }
    return this;
  }

  boolean isEmpty() {
    return lineCount == 0;
  }

  /** Writes the projected text as a canonical JSON string. */
  void writeTo(CanonicalJson out) {
    out.raw('"');
    for (int i = 0; i < lineCount; i++) {
      if (i > 0) {
        out.raw("\\n");
      }
      out.stringContent(chars, lines[2 * i], lines[2 * i + 1]);
    }
    out.raw('"');
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lineCount; i++) {
      if (i > 0) {
        text.append('\n');
      }
      text.append(chars, lines[2 * i], lines[2 * i + 1] - lines[2 * i]);
    }
    return text.toString();
  }

  private void addLine(int start, int end) {
    if (2 * lineCount + 2 > lines.length) {
      lines = Arrays.copyOf(lines, lines.length * 2);
    }
    lines[2 * lineCount] = start;
    lines[2 * lineCount + 1] = end;
    lineCount++;
  }
}
