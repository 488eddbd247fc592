package dev.tapes.agent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The placement of tapes' Go producer: {@code int32(fnv1a32(key)) % n}, negated when negative. */
class Fnv1aPartitionerTest {
  @Test
  void hashMatchesThePublishedFnv1aVectors() {
    assertEquals(0x811c9dc5, Fnv1aPartitioner.fnv1a32(bytes("")));
    assertEquals(0xe40c292c, Fnv1aPartitioner.fnv1a32(bytes("a")));
    assertEquals(0xbf9cf968, Fnv1aPartitioner.fnv1a32(bytes("foobar")));
  }

  @Test
  void partitionIsTheSignedRemainderMadeNonNegative() {
    // fnv1a32("a") = 0xe40c292c = -468965076 as int32; % 6 = 0.
    assertEquals(0, Fnv1aPartitioner.partition(bytes("a"), 6));
    // fnv1a32("foobar") = 0xbf9cf968 = -1080231576; % 7 = -4 in Go and Java; negated: 4.
    assertEquals(4, Fnv1aPartitioner.partition(bytes("foobar"), 7));
    // A root hash as the key, as the agent sends it.
    String root = "af300c6bb7b341e43949236e3a34c210e868664b3c07a8287ca74a5943863bd5";
    int expected = goPartition(bytes(root), 3);
    assertEquals(expected, Fnv1aPartitioner.partition(bytes(root), 3));
  }

  /** The Go formula written out independently: FNV-1a over the bytes with 64-bit arithmetic. */
  private static int goPartition(byte[] key, int partitions) {
    long h = 2166136261L;
    for (byte b : key) {
      h ^= (b & 0xff);
      h = (h * 16777619L) & 0xffffffffL;
    }
    int p = ((int) h) % partitions;
    return p < 0 ? -p : p;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
