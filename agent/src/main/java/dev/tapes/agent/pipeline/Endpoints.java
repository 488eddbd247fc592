package dev.tapes.agent.pipeline;

import dev.tapes.agent.llm.Provider;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides from a URL alone whether an exchange is a turn and of which provider: the cheap check
 * every instrumented call pays. Paths match by suffix, with the query removed and a trailing slash
 * trimmed, so gateway prefixes still resolve.
 */
public final class Endpoints {
  private final List<String> extraPrefixes;

  public Endpoints(String extraPrefixes) {
    List<String> prefixes = new ArrayList<>();
    if (extraPrefixes != null) {
      for (String p : extraPrefixes.split(",")) {
        if (!p.isBlank()) {
          prefixes.add(p.trim());
        }
      }
    }
    this.extraPrefixes = prefixes;
  }

  /** The provider whose turn endpoint {@code url} is, or null when it is not one. */
  public Provider providerFor(String url) {
    Provider byPath = byPath(path(url));
    if (byPath != null) {
      return byPath;
    }
    for (String prefix : extraPrefixes) {
      if (url.startsWith(prefix)) {
        // A gateway path that names no provider: OpenAI-compatible is what gateways speak.
        return Provider.OPENAI;
      }
    }
    return null;
  }

  /** The provider of a turn path, or null. */
  public static Provider byPath(String path) {
    if (path.endsWith("/chat/completions") || path.endsWith("/responses")) {
      return Provider.OPENAI;
    }
    if (path.endsWith("/messages")) {
      return Provider.ANTHROPIC;
    }
    if (path.endsWith("/api/chat")) {
      return Provider.OLLAMA;
    }
    return null;
  }

  /** The path of a URL (or a bare path), without query or fragment or a trailing slash. */
  static String path(String url) {
    int start = 0;
    int scheme = url.indexOf("://");
    if (scheme >= 0) {
      int slash = url.indexOf('/', scheme + 3);
      if (slash < 0) {
        return "";
      }
      start = slash;
    }
    int end = url.length();
    int query = url.indexOf('?', start);
    if (query >= 0) {
      end = query;
    }
    int fragment = url.indexOf('#', start);
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    if (end > start + 1 && url.charAt(end - 1) == '/') {
      end--;
    }
    return url.substring(start, end);
  }
}
