package dev.tapes.agent.llm;

/** Token counts (and Ollama's durations) reported with a reply. Zero means not reported. */
public final class Usage {
  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0);

  private final long promptTokens;
  private final long completionTokens;
  private final long totalTokens;
  private final long cacheCreationInputTokens;
  private final long cacheReadInputTokens;
  private final long totalDurationNs;
  private final long promptDurationNs;

  public Usage(
      long promptTokens,
      long completionTokens,
      long totalTokens,
      long cacheCreationInputTokens,
      long cacheReadInputTokens,
      long totalDurationNs,
      long promptDurationNs) {
    this.promptTokens = promptTokens;
    this.completionTokens = completionTokens;
    this.totalTokens = totalTokens;
    this.cacheCreationInputTokens = cacheCreationInputTokens;
    this.cacheReadInputTokens = cacheReadInputTokens;
    this.totalDurationNs = totalDurationNs;
    this.promptDurationNs = promptDurationNs;
  }

  public static Usage tokens(long prompt, long completion, long total, long cacheRead) {
    return new Usage(prompt, completion, total, 0, cacheRead, 0, 0);
  }

  public long promptTokens() {
    return promptTokens;
  }

  public long completionTokens() {
    return completionTokens;
  }

  public long totalTokens() {
    return totalTokens;
  }

  public long cacheCreationInputTokens() {
    return cacheCreationInputTokens;
  }

  public long cacheReadInputTokens() {
    return cacheReadInputTokens;
  }

  public long totalDurationNs() {
    return totalDurationNs;
  }

  public long promptDurationNs() {
    return promptDurationNs;
  }

  public boolean isEmpty() {
    return promptTokens == 0
        && completionTokens == 0
        && totalTokens == 0
        && cacheCreationInputTokens == 0
        && cacheReadInputTokens == 0
        && totalDurationNs == 0
        && promptDurationNs == 0;
  }
}
