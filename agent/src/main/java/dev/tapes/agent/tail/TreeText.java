package dev.tapes.agent.tail;

import java.util.List;
import java.util.Set;

/**
 * Draws one conversation as a tree of text lines: a header naming the conversation, then one line
 * per message (role, a one-line summary, and the model and tokens of replies). A chain of messages
 * runs down at one indent; where conversations diverge after a shared message, that message is
 * drawn once and each continuation hangs under it as a branch ({@code ├─}, {@code └─}). Messages
 * whose earlier messages were not read hang under a {@code …} line.
 *
 * <p>Pure: the same conversation gives the same text. ANSI colour only when asked for.
 */
public final class TreeText {
  /** Longest summary on a line, in code points. */
  static final int SUMMARY_WIDTH = 72;

  private static final int ROLE_WIDTH = "assistant".length();
  private static final Set<String> ORDINARY_STOPS =
      Set.of("stop", "end_turn", "tool_calls", "tool_use", "stop_sequence", "completed");

  private final boolean colour;
  private final StringBuilder out = new StringBuilder();
  private Set<String> fresh;

  private TreeText(boolean colour) {
    this.colour = colour;
  }

  /**
   * The conversation's tree, ending with a newline.
   *
   * @param fresh hashes of the messages that arrived since the tree was last drawn: when they are
   *     not the whole tree, counted in the header and drawn in bold (when colour is on)
   */
  public static String render(Conversation conversation, Set<String> fresh, boolean colour) {
    TreeText text = new TreeText(colour);
    text.fresh = fresh.size() < conversation.size() ? fresh : Set.of();
    text.draw(conversation);
    return text.out.toString();
  }

  private void draw(Conversation c) {
    header(c);
    for (TailNode root : c.roots()) {
      chain(c, root, "", "");
    }
    for (String missing : c.missingParents()) {
      style(Ansi.DIM, "… earlier messages not read");
      out.append('\n');
      branches(c, c.children(missing), "");
    }
  }

  private void header(Conversation c) {
    StringBuilder h = new StringBuilder("conversation ").append(shortHash(c.rootHash()));
    h.append(" · ").append(plural(c.size(), "message"));
    int leaves = c.leaves();
    if (leaves > 1) {
      h.append(" · ").append(plural(leaves, "branch"));
    }
    int newOnes = fresh.size();
    if (newOnes > 0) {
      h.append(" · ").append(newOnes).append(" new");
    }
    if (c.notKept() > 0) {
      h.append(" · ").append(c.notKept()).append(" more not kept");
    }
    style(Ansi.BOLD, h.toString());
    out.append('\n');
  }

  /**
   * Draws {@code first} and the messages that follow it one after another; at the first message
   * with several continuations, draws each as a branch. {@code firstPrefix} goes before the first
   * line, {@code prefix} before the others.
   */
  private void chain(Conversation c, TailNode first, String firstPrefix, String prefix) {
    TailNode node = first;
    String linePrefix = firstPrefix;
    while (true) {
      line(node, linePrefix);
      List<TailNode> next = c.children(node.hash());
      if (next.size() != 1) {
        branches(c, next, prefix);
        return;
      }
      node = next.get(0);
      linePrefix = prefix;
    }
  }

  private void branches(Conversation c, List<TailNode> nodes, String prefix) {
    if (nodes.size() == 1) {
      chain(c, nodes.get(0), prefix, prefix);
      return;
    }
    for (int i = 0; i < nodes.size(); i++) {
      boolean last = i == nodes.size() - 1;
      chain(c, nodes.get(i), prefix + (last ? "└─ " : "├─ "), prefix + (last ? "   " : "│  "));
    }
  }

  private void line(TailNode node, String prefix) {
    style(Ansi.DIM, prefix);
    String role = node.role().isEmpty() ? "?" : node.role();
    style(Ansi.forRole(role), pad(role));
    out.append("  ");
    String summary = Summary.shorten(node.summary(), SUMMARY_WIDTH);
    if (fresh.contains(node.hash())) {
      style(Ansi.BOLD, summary);
    } else {
      out.append(summary);
    }
    String details = details(node);
    if (!details.isEmpty()) {
      out.append("  ");
      style(Ansi.DIM, "(" + details + ")");
    }
    out.append('\n');
  }

  /** Model, tokens and an unusual stop reason of a reply; nothing for other messages. */
  private static String details(TailNode node) {
    if (!node.isReply()) {
      return "";
    }
    StringBuilder d = new StringBuilder(node.model());
    String tokens = tokens(node);
    if (!tokens.isEmpty()) {
      d.append(d.length() > 0 ? ", " : "").append(tokens);
    }
    if (!node.stopReason().isEmpty() && !ORDINARY_STOPS.contains(node.stopReason())) {
      d.append(d.length() > 0 ? ", " : "").append("stopped: ").append(node.stopReason());
    }
    return d.toString();
  }

  private static String tokens(TailNode node) {
    if (node.promptTokens() > 0 || node.completionTokens() > 0) {
      return node.promptTokens() + " in + " + node.completionTokens() + " out tokens";
    }
    return node.totalTokens() > 0 ? node.totalTokens() + " tokens" : "";
  }

  private void style(String code, String text) {
    if (!colour || code.isEmpty() || text.isEmpty()) {
      out.append(text);
    } else {
      out.append(code).append(text).append(Ansi.RESET);
    }
  }

  private static String pad(String role) {
    StringBuilder r = new StringBuilder(role);
    while (r.length() < ROLE_WIDTH) {
      r.append(' ');
    }
    return r.toString();
  }

  private static String shortHash(String hash) {
    return hash.length() > 8 ? hash.substring(0, 8) : hash;
  }

  private static String plural(long n, String noun) {
    if (n == 1) {
      return "1 " + noun;
    }
    return n + " " + noun + (noun.endsWith("ch") ? "es" : "s");
  }

  /** The escape sequences used, one style at a time. */
  private static final class Ansi {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String DIM = "\u001b[2m";

    static String forRole(String role) {
      switch (role) {
        case "system":
        case "developer":
          return "\u001b[35m"; // magenta
        case "user":
          return "\u001b[36m"; // cyan
        case "assistant":
          return "\u001b[32m"; // green
        case "tool":
          return "\u001b[33m"; // yellow
        default:
          return "";
      }
    }
  }
}
