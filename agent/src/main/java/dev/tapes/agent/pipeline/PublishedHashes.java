package dev.tapes.agent.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent node hashes this process published, so that the prefix every turn re-sends is
 * published once. Bounded: the oldest are forgotten, and a forgotten node may be published again,
 * which consumers tolerate since the hash is an idempotency key. Keys are the first 64 bits of the
 * hash, which keeps an entry small; a collision only means one node is not re-published.
 *
 * <p>Confined to the pipeline thread.
 */
final class PublishedHashes {
  private final Map<Long, Boolean> recent;

  PublishedHashes(int capacity) {
    this.recent =
        new LinkedHashMap<Long, Boolean>(Math.min(capacity, 1 << 16), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records {@code hash}; true when it was not already recorded. */
  boolean add(String hash) {
    long key = Long.parseUnsignedLong(hash.substring(0, 16), 16);
    return recent.put(key, Boolean.TRUE) == null;
  }
}
