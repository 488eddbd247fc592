package dev.tapes.agent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class BrokersTest {
  @Test
  void readsTheFormsBootstrapServersTake() {
    assertEquals(new InetSocketAddress("127.0.0.1", 9092), Brokers.address(" 127.0.0.1:9092 "));
    assertEquals(new InetSocketAddress("::1", 9093), Brokers.address("[::1]:9093"));
    assertEquals(
        new InetSocketAddress("127.0.0.1", 9094), Brokers.address("SASL_SSL://127.0.0.1:9094"));
    assertNull(Brokers.address("127.0.0.1"));
    assertNull(Brokers.address("127.0.0.1:"));
    assertNull(Brokers.address("127.0.0.1:port"));
  }

  @Test
  void aListeningServerAnywhereInTheListAccepts() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      assertTrue(Brokers.anyAccepts("127.0.0.1:1,nonsense,127.0.0.1:" + port, 2000));
    }
  }

  @Test
  void nothingListeningAcceptsNothing() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }
    assertFalse(Brokers.anyAccepts("127.0.0.1:1,127.0.0.1:" + port, 2000));
    assertFalse(Brokers.anyAccepts("127.0.0.1:" + port, 0));
  }
}
