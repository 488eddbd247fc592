package dev.tapes.it;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The test broker in Docker, from the official {@code apache/kafka} image: the configuration the
 * tests wrote for a local broker, passed as the image's environment variables, on the same
 * loopback ports, so that a stopped and restarted broker keeps its address and its data. Built
 * only with the {@code testcontainers} Maven profile.
 */
final class DockerKafka implements KafkaBroker.Container {
  private final GenericContainer<?> container;
  private boolean created;

  DockerKafka(String image, Path serverProperties, String clusterId, int[] ports)
      throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(serverProperties)) {
      p.load(in);
    }
    // Inside the container: listen on every interface, a static quorum of one, its own data dir.
    p.setProperty("listeners", p.getProperty("listeners").replace("127.0.0.1", "0.0.0.0"));
    String controller = p.getProperty("controller.quorum.bootstrap.servers");
    p.remove("controller.quorum.bootstrap.servers");
    p.setProperty("controller.quorum.voters", "1@" + controller);
    p.setProperty("log.dirs", "/var/lib/kafka/data");

    GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image));
    for (String name : p.stringPropertyNames()) {
      c.withEnv(environmentName(name), p.getProperty(name));
    }
    c.withEnv("CLUSTER_ID", clusterId);
    List<PortBinding> bindings = new ArrayList<>();
    for (int port : ports) {
      if (port != 0) {
        c.addExposedPort(port);
        bindings.add(
            new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(port)));
      }
    }
    c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(bindings));
    this.container = c;
  }

  /** The image reads {@code a.b_c-d} from {@code KAFKA_A_B__C___D}. */
  static String environmentName(String property) {
    return "KAFKA_"
        + property
            .replace("_", "__")
            .replace("-", "___")
            .replace(".", "_")
            .toUpperCase(Locale.ROOT);
  }

  @Override
  public void start() {
    if (!created) {
      container.start();
      created = true;
    } else {
      container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
    }
  }

  @Override
  public void stop() {
    container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void remove() {
    container.stop();
  }
}
