package dev.tapes.agent.publish;

import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * Places records as tapes' Go producer did: {@code int32(fnv1a32(key)) % partitions}, negated when
 * negative. Consumers that read partitions written by both stay in step.
 */
public final class Fnv1aPartitioner implements Partitioner {
  private static final int OFFSET_BASIS = 0x811c9dc5;
  private static final int PRIME = 0x01000193;

  /** The partition of {@code key} among {@code partitions}. */
  public static int partition(byte[] key, int partitions) {
    int p = fnv1a32(key) % partitions;
    return p < 0 ? -p : p;
  }

  static int fnv1a32(byte[] key) {
    int hash = OFFSET_BASIS;
    for (byte b : key) {
      hash ^= b & 0xff;
      hash *= PRIME;
    }
    return hash;
  }

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    return partition(keyBytes, cluster.partitionsForTopic(topic).size());
  }

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
