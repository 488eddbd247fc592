package dev.tapes.agent.capture;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A copy of a body taken as the application reads it, up to a budget. Past the budget it stops
 * copying and remembers that it did. Guarded by the owning {@link ExchangeRecorder}.
 */
final class BodyCopy {
  private static final byte[] EMPTY = new byte[0];

  private final long budget;
  private byte[] bytes = EMPTY;
  private int length;
  private boolean overBudget;

  BodyCopy(long budget) {
    this.budget = budget;
  }

  void append(ByteBuffer buffer) {
    int n = buffer.remaining();
    if (overBudget || n == 0) {
      return;
    }
    if (length + (long) n > budget) {
      overBudget = true;
      bytes = EMPTY;
      length = 0;
      return;
    }
    ensure(n);
    buffer.duplicate().get(bytes, length, n);
    length += n;
  }

  void reset() {
    length = 0;
    overBudget = false;
  }

  boolean overBudget() {
    return overBudget;
  }

  int length() {
    return length;
  }

  /**
   * The bytes copied, after which this copy holds none: an application that keeps its response (and
   * so the wrappers that point here) does not keep the copy alive too.
   */
  byte[] take() {
    byte[] out = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    bytes = EMPTY;
    length = 0;
    return out;
  }

  private void ensure(int n) {
    if (length + n > bytes.length) {
      bytes =
          Arrays.copyOf(
              bytes, (int) Math.min(budget, Math.max(bytes.length * 2L, length + (long) n)));
    }
  }
}
