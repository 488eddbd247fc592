package dev.tapes.agent.llm;

/** The wire format family of an exchange, named as it appears in events. */
public enum Provider {
  /** OpenAI Chat Completions and Responses, and OpenAI-compatible servers. */
  OPENAI("openai"),
  ANTHROPIC("anthropic"),
  OLLAMA("ollama");

  private final String wireName;

  Provider(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in events and on the command line. */
  public String wireName() {
    return wireName;
  }

  /** Looks a provider up by its wire name; null when unknown. */
  public static Provider fromWireName(String name) {
    for (Provider p : values()) {
      if (p.wireName.equals(name)) {
        return p;
      }
    }
    return null;
  }
}
