package dev.tapes.agent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.Turns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  @TempDir Path tmp;

  private static List<NodeEvent> events() {
    return NodeEvent.forTurn(
        Turns.turn(
            Provider.OPENAI,
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"hello\"},\"finish_reason\":\"stop\"}]}"),
        new NodeHasher(),
        "",
        "",
        Instant.parse("2026-12-03T12:00:00Z"));
  }

  @Test
  void appendsOneLinePerEventCreatingTheDirectory() throws Exception {
    Path file = tmp.resolve("a/b/events.jsonl");
    FileSink sink = new FileSink(file);
    List<NodeEvent> events = events();
    events.forEach(sink::publish);
    sink.close(0);
    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertEquals(events.get(0).toJson(), lines.get(0));
    assertEquals(0, sink.droppedEvents());
  }

  @Test
  void anEventThatCannotBeWrittenIsCountedNotThrown() throws Exception {
    Path directory = Files.createDirectory(tmp.resolve("not-a-file"));
    FileSink sink = new FileSink(directory);
    events().forEach(sink::publish);
    sink.flush();
    sink.close(0);
    assertEquals(2, sink.droppedEvents());
  }
}
