package dev.tapes.agent.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends events as JSON lines to a local file: the sink when no broker is configured. */
public final class FileSink implements Sink {
  private final Path path;
  private BufferedWriter writer;

  public FileSink(Path path) {
    this.path = path;
  }

  @Override
  public void publish(NodeEvent event) throws IOException {
    if (writer == null) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writer =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(
                      path,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND,
                      StandardOpenOption.WRITE),
                  StandardCharsets.UTF_8));
    }
    writer.write(event.toJson());
    writer.write('\n');
  }

  @Override
  public void flush() throws IOException {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public void close(long timeoutMillis) throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  @Override
  public String describe() {
    return "file " + path.toAbsolutePath();
  }
}
