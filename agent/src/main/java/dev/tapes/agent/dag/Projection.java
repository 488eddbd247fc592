package dev.tapes.agent.dag;

import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonBoolean;
import dev.tapes.agent.json.JsonNumber;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a message that its hash covers. Agent harnesses inject bookkeeping (reminders,
 * command echoes) and re-serialise whitespace and empty tool arguments differently from turn to
 * turn; projecting them away lets the same logical message hash the same each time it is re-sent.
 */
public final class Projection {
  /** Stripped in this order, each as every {@code <tag>} through the next {@code </tag>}. */
  static final List<String> HARNESS_TAGS =
      List.of(
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
          "environment_context");

  private static final String[] OPEN_TAGS = new String[HARNESS_TAGS.size()];
  private static final String[] CLOSE_TAGS = new String[HARNESS_TAGS.size()];
  private static final String TAG_INITIALS = initials(HARNESS_TAGS);

  static {
    for (int i = 0; i < HARNESS_TAGS.size(); i++) {
      OPEN_TAGS[i] = "<" + HARNESS_TAGS.get(i) + ">";
      CLOSE_TAGS[i] = "</" + HARNESS_TAGS.get(i) + ">";
    }
  }

  private Projection() {}

  /** The first letter of each tag name, once each. */
  private static String initials(List<String> tags) {
    StringBuilder initials = new StringBuilder();
    for (String tag : tags) {
      if (initials.indexOf(tag.substring(0, 1)) < 0) {
        initials.append(tag.charAt(0));
      }
    }
    return initials.toString();
  }

  /** Projects blocks for hashing; the input is not modified. */
  public static List<Block> project(List<Block> blocks) {
    List<Block> out = new ArrayList<>(blocks.size());
    for (Block block : blocks) {
      Block projected = project(block);
      if (projected != null) {
        out.add(projected);
      }
    }
    return out;
  }

  /** Projects one block, or returns null when its text projects to nothing. */
  static Block project(Block block) {
    Block.Builder b = null;

    String text = block.text();
    if (text != null && !text.isEmpty()) {
      String clean = normalizeWhitespace(stripHarnessTags(text));
      if (clean.isEmpty()) {
        return null;
      }
      if (!clean.equals(text)) {
        b = block.toBuilder().text(clean);
      }
    }

    JsonObject input = block.toolInput();
    if (input != null && !input.isEmpty()) {
      JsonObject pruned = prune(input);
      if (pruned != input) {
        b = (b != null ? b : block.toBuilder()).toolInput(pruned);
      }
    }

    if (block.thinkingSignature() != null) {
      b = (b != null ? b : block.toBuilder()).thinkingSignature(null);
    }

    String output = block.toolOutput();
    if (output != null && !output.isEmpty()) {
      String clean = normalizeWhitespace(stripHarnessTags(output));
      if (!clean.equals(output)) {
        b = (b != null ? b : block.toBuilder()).toolOutput(clean);
      }
    }

    return b == null ? block : b.build();
  }

  /** Removes every harness tag span; returns {@code text} itself when there is none. */
  static String stripHarnessTags(String text) {
    // Stripping one tag can join text into an opening tag of a later one, but only after it
    // found an opening tag of its own: a text without any opening tag is left as it is.
    if (!hasOpeningTag(text)) {
      return text;
    }
    String s = text;
    for (int i = 0; i < OPEN_TAGS.length; i++) {
      s = stripTag(s, OPEN_TAGS[i], CLOSE_TAGS[i]);
    }
    return s;
  }

  /** One scan from '<' to '<', instead of one search of the whole text per tag. */
  private static boolean hasOpeningTag(String text) {
    for (int lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      // Code and prose have many a '<' that no tag name follows.
      if (lt + 1 == text.length() || TAG_INITIALS.indexOf(text.charAt(lt + 1)) < 0) {
        continue;
      }
      for (String open : OPEN_TAGS) {
        if (text.startsWith(open, lt)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Cuts every span, rescanning around each cut: a cut can join the two halves of a new opening tag
   * ({@code <sta<status>x</status>tus>}), which tapes also removes.
   */
  private static String stripTag(String s, String open, String close) {
    int start = s.indexOf(open);
    if (start < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s);
    while (start >= 0) {
      int end = out.indexOf(close, start + open.length());
      if (end < 0) {
        out.setLength(start);
        break;
      }
      out.delete(start, end + close.length());
      start = out.indexOf(open, Math.max(0, start - open.length() + 1));
    }
    return out.toString();
  }

  /**
   * {@code \r\n} to {@code \n}; spaces and tabs before a newline removed; runs of newlines
   * collapsed to one; then Unicode White_Space trimmed at both ends. The result is that of applying
   * these steps one after another, each over the whole text ({@link ProjectedText} says how).
   */
  static String normalizeWhitespace(String text) {
    return new ProjectedText().normalize(text).toString();
  }

  /** The Unicode White_Space property; all such code points are in the BMP. */
  static boolean isWhiteSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r');
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /**
   * Removes members whose value is null, false, "", zero or an empty array, recursively through
   * nested objects (not arrays), dropping nested objects that end up empty. Returns {@code input}
   * itself when nothing is removed.
   */
  static JsonObject prune(JsonObject input) {
    Map<String, JsonValue> kept = null;
    for (Map.Entry<String, JsonValue> e : input.members().entrySet()) {
      JsonValue v = e.getValue();
      JsonValue p = v;
      JsonObject nested = v.asObject();
      if (nested != null) {
        JsonObject prunedNested = prune(nested);
        p = prunedNested.isEmpty() ? null : prunedNested;
      } else if (isEmptyValue(v)) {
        p = null;
      }
      if (p != v && kept == null) {
        kept = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> before : input.members().entrySet()) {
          if (before.getKey().equals(e.getKey())) {
            break;
          }
          kept.put(before.getKey(), before.getValue());
        }
      }
      if (kept != null && p != null) {
        kept.put(e.getKey(), p);
      }
    }
    return kept == null ? input : JsonObject.of(kept);
  }

  /** True when {@link #prune} leaves no member of {@code input}; builds nothing to find out. */
  static boolean prunesToEmpty(JsonObject input) {
    for (JsonValue v : input.members().values()) {
      JsonObject nested = v.asObject();
      if (nested != null ? !prunesToEmpty(nested) : !isEmptyValue(v)) {
        return false;
      }
    }
    return true;
  }

  /** A member value that pruning removes (nested objects aside). */
  static boolean isEmptyValue(JsonValue v) {
    if (v.isNull() || v == JsonBoolean.FALSE) {
      return true;
    }
    if (v instanceof JsonString) {
      return ((JsonString) v).value().isEmpty();
    }
    if (v instanceof JsonNumber) {
      return ((JsonNumber) v).doubleValue() == 0;
    }
    if (v instanceof JsonArray) {
      return ((JsonArray) v).size() == 0;
    }
    return false;
  }
}
