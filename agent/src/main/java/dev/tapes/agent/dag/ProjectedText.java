package dev.tapes.agent.dag;

/**
 * The projection of one text field, as {@link Projection} defines it (harness tags stripped, then
 * whitespace normalised), computed into a reusable char buffer so that a node's hash input can be
 * written without building the projected string.
 *
 * <p>Not thread-safe: one instance per {@link NodeHasher}.
 */
final class ProjectedText {
  private char[] chars = new char[1024];
  private int start;
  private int end;

  /** Projects {@code text}, replacing what this held before. */
  ProjectedText project(String text) {
    String s = Projection.stripHarnessTags(text);
    int n = s.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    s.getChars(0, n, chars, 0);

    end = Projection.cleanLines(chars, n);
    start = 0;
    while (start < end && Projection.isWhiteSpace(chars[start])) {
      start++;
    }
    while (end > start && Projection.isWhiteSpace(chars[end - 1])) {
      end--;
    }
    return this;
  }

  boolean isEmpty() {
    return start == end;
  }

  /** Writes the projected text as a canonical JSON string. */
  void writeTo(CanonicalJson out) {
    out.string(chars, start, end);
  }
}
