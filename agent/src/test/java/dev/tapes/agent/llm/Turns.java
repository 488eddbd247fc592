package dev.tapes.agent.llm;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tapes.agent.dag.Chain;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.dag.Node;
import dev.tapes.agent.dag.NodeHasher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small helpers that turn test bodies into turns and hashes. */
public final class Turns {
  private Turns() {}

  public static TurnParser.Result parse(Provider provider, byte[] request, byte[] response) {
    return TurnParser.parse(provider, request, new ByteArrayInputStream(response));
  }

  public static Turn turn(Provider provider, String request, String response) {
    return turn(provider, utf8(request), utf8(response));
  }

  public static Turn turn(Provider provider, byte[] request, byte[] response) {
    TurnParser.Result r = parse(provider, request, response);
    assertNotNull(r.turn(), () -> "dropped: " + r.dropReason() + " " + r.detail());
    return r.turn();
  }

  /** The reply alone, parsed against a request with no messages. */
  public static Reply reply(Provider provider, String response) {
    return turn(provider, "{\"model\":\"m\",\"messages\":[]}", response).reply();
  }

  /** A Responses API reply alone, parsed against a request with no input items. */
  public static Reply responsesReply(String response) {
    return turn(Provider.OPENAI, "{\"model\":\"m\",\"input\":[]}", response).reply();
  }

  /** Node hashes of the turn's chain, root first. */
  public static List<String> hashes(Turn turn) {
    return hashes(turn.messages());
  }

  public static List<String> hashes(List<Message> messages) {
    List<String> out = new ArrayList<>();
    for (Node n : Chain.of(messages, new NodeHasher())) {
      out.add(n.hash());
    }
    return out;
  }

  /** The hash of one message as a root node. */
  public static String rootHash(Message m) {
    return new NodeHasher().hash("", m.role(), m.blocks());
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
