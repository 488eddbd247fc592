package dev.tapes.agent.publish;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Bootstrap server lists, as {@code bootstrap.servers} takes them. */
final class Brokers {
  private Brokers() {}

  /**
   * Whether any of the bootstrap servers accepts a TCP connection within the time given, all of
   * them together. Says nothing of whether Kafka speaks there: a quick way to know when waiting for
   * a broker is pointless.
   */
  static boolean anyAccepts(String bootstrapServers, long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (String server : bootstrapServers.split(",")) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      InetSocketAddress address = address(server);
      if (left <= 0) {
        return false;
      }
      if (address == null || address.isUnresolved()) {
        continue;
      }
      try (Socket socket = new Socket()) {
        socket.connect(address, (int) left);
        return true;
      } catch (IOException refused) {
        // try the next one
      }
    }
    return false;
  }

  /** {@code host:port}, {@code [v6]:port}, with or without a {@code SCHEME://} before it. */
  static InetSocketAddress address(String server) {
    String s = server.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      return null;
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
