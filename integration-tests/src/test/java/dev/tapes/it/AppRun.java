package dev.tapes.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tapes.it.Conversations.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a test application against a loopback server: what it printed, what the server saw.
 */
final class AppRun {
  private static final Pattern SUMMARY =
      Pattern.compile("at exit: captured (\\d+) exchanges, (\\d+) turns");

  final Jvm.Result result;
  final List<LlmServer.Recorded> recorded;

  AppRun(Jvm.Result result, List<LlmServer.Recorded> recorded) {
    this.result = result;
    this.recorded = recorded;
  }

  /**
   * Checks a run with the agent (at debug level, writing {@code events}) against the same script
   * run without it: the application received the same bytes and every step succeeded; the events
   * are those the {@code nodes} command gives for the bytes on the wire; each exchange was captured
   * once; and in each pair of steps, the second turn continues the first.
   */
  static void assertRecordedAsTheNodesCommandSays(
      AppRun plain, AppRun agent, List<Step> steps, Path events) throws Exception {
    assertEquals(0, agent.result.code, agent.result.err);
    assertEquals(plain.result.out, agent.result.out, "the application received other bytes");
    assertEquals(steps.size(), plain.result.out.lines().filter(l -> l.startsWith("ok ")).count());

    List<String> expected = new ArrayList<>();
    for (LlmServer.Recorded r : agent.recorded) {
      expected.addAll(
          JdkHttpClientCaptureIT.nodesCommand(
              JdkHttpClientCaptureIT.providerOf(r.path), r.request, r.response));
    }
    try {
      Events.assertSameEvents(Events.firstOfEachNode(expected), Events.read(events));
    } catch (AssertionError e) {
      throw new AssertionError("agent's stderr:\n" + agent.result.err, e);
    }

    Matcher summary = SUMMARY.matcher(agent.result.err);
    assertTrue(summary.find(), agent.result.err);
    assertEquals(steps.size(), Integer.parseInt(summary.group(1)), summary.group());
    assertEquals(steps.size(), Integer.parseInt(summary.group(2)), summary.group());

    // Turn 1's reply is the parent of what turn 2 adds.
    for (int i = 0; i < steps.size(); i += 2) {
      LlmServer.Recorded first = agent.recorded.get(i);
      LlmServer.Recorded second = agent.recorded.get(i + 1);
      List<String> turn1 =
          JdkHttpClientCaptureIT.nodesCommand(steps.get(i).provider, first.request, first.response);
      List<String> turn2 =
          JdkHttpClientCaptureIT.nodesCommand(
              steps.get(i + 1).provider, second.request, second.response);
      assertEquals(
          Events.hash(turn1.get(turn1.size() - 1)),
          Events.parent(turn2.get(turn1.size())),
          "turn 2 of " + steps.get(i).path + ", step " + (i + 1));
    }
  }
}
