package dev.tapes.agent.bootstrap;

/**
 * Counts nested entries into instrumented methods on the current thread, so that when one public
 * overload calls another, only the outermost call is captured.
 */
public final class CallDepth {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private CallDepth() {}

  /** Enters a level; returns the depth before entering (0 for the outermost call). */
  public static int enter() {
    return DEPTH.get()[0]++;
  }

  /** Leaves the level entered last. */
  public static void exit() {
    int[] d = DEPTH.get();
    if (d[0] > 0) {
      d[0]--;
    }
  }
}
