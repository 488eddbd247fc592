package dev.tapes.agent.tail;

import dev.tapes.agent.dag.Block;
import java.util.List;

/**
 * A message's content as one short line for a terminal: text as it is, a tool call as {@code →
 * name(arguments)}, a tool result as {@code ← output}, reasoning as {@code [thinking] ...}, other
 * blocks by their type. Line breaks and runs of white space become one space, and control
 * characters (a terminal would obey escape sequences inside a prompt) are left out.
 */
final class Summary {
  private Summary() {}

  static String of(List<Block> blocks, int limit) {
    if (blocks.isEmpty()) {
      return "(no content)";
    }
    StringBuilder line = new StringBuilder();
    for (Block block : blocks) {
      if (line.length() > 0) {
        line.append(" · ");
      }
      describe(block, line);
      if (line.length() > 4 * limit) {
        break; // enough to fill the line; the rest would be cut anyway
      }
    }
    return shorten(oneLine(line), limit);
  }

  /** The text cut to {@code limit} code points, the last one an ellipsis when it was cut. */
  static String shorten(String text, int limit) {
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    int end = text.offsetByCodePoints(0, Math.max(0, limit - 1));
    return text.substring(0, end).stripTrailing() + "…";
  }

  private static void describe(Block block, StringBuilder line) {
    String type = block.type() == null ? "" : block.type();
    switch (type) {
      case "text":
        line.append(orEmpty(block.text()));
        return;
      case "tool_use":
      case "server_tool_use":
        line.append("→ ").append(orEmpty(block.toolName())).append('(');
        if (block.toolInput() != null && !block.toolInput().isEmpty()) {
          line.append(block.toolInput());
        }
        line.append(')');
        return;
      case "tool_result":
      case "web_search_tool_result":
        line.append("← ");
        if (block.isError()) {
          line.append("error: ");
        }
        if (block.toolOutput() != null) {
          line.append(block.toolOutput());
        } else if (block.content() != null) {
          line.append('[').append(type).append(']');
        }
        return;
      case "thinking":
        line.append("[thinking]");
        appendIfAny(line, block.thinking());
        return;
      case "image":
        line.append("[image]");
        return;
      default:
        line.append('[').append(type.isEmpty() ? "block" : type).append(']');
        appendIfAny(line, block.text());
    }
  }

  private static void appendIfAny(StringBuilder line, String text) {
    if (text != null && !text.isEmpty()) {
      line.append(' ').append(text);
    }
  }

  /** One line: white space runs to one space, control and direction characters left out. */
  private static String oneLine(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); ) {
      int c = Character.codePointAt(text, i);
      i += Character.charCount(c);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = out.length() > 0;
        continue;
      }
      if (Character.getType(c) == Character.CONTROL || isDirectionControl(c)) {
        continue;
      }
      if (space) {
        out.append(' ');
        space = false;
      }
      out.appendCodePoint(c);
    }
    return out.toString();
  }

  private static boolean isDirectionControl(int c) {
    return (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
