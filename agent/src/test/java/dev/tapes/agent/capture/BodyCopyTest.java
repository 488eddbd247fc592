package dev.tapes.agent.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyCopyTest {
  @Test
  void takingTheBytesLeavesNoneBehind() {
    BodyCopy copy = new BodyCopy(1 << 20);
    byte[] body = new byte[300_000];
    Arrays.fill(body, (byte) 'x');
    body[299_999] = 'y';
    for (int i = 0; i < body.length; i += 1000) {
      copy.append(ByteBuffer.wrap(body, i, 1000));
    }

    assertArrayEquals(body, copy.take());
    assertEquals(0, copy.length());
    assertEquals(0, copy.take().length, "the copy holds nothing once taken");
  }

  @Test
  void aBodyOverBudgetIsDroppedAndRemembered() {
    BodyCopy copy = new BodyCopy(10);
    copy.append(ByteBuffer.wrap(new byte[6]));
    copy.append(ByteBuffer.wrap(new byte[6]));

    assertTrue(copy.overBudget());
    assertEquals(0, copy.take().length);
    copy.reset();
    copy.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    assertArrayEquals(new byte[] {1, 2, 3}, copy.take());
  }
}
