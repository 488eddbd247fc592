package dev.tapes.agent;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.tapes.agent.bootstrap.Bridge;
import dev.tapes.agent.capture.CaptureHooks;
import dev.tapes.agent.capture.apache.ApacheHooks;
import dev.tapes.agent.capture.apache.v4.ApacheClient4Instrumentation;
import dev.tapes.agent.capture.apache.v5.ApacheClient5Instrumentation;
import dev.tapes.agent.capture.jdk.JdkHttpClientInstrumentation;
import dev.tapes.agent.capture.jdk.JdkHttpHooks;
import dev.tapes.agent.capture.jdk.ResponseTees;
import dev.tapes.agent.capture.okhttp.OkHttpHooks;
import dev.tapes.agent.capture.okhttp.OkHttpInstrumentation;
import dev.tapes.agent.cli.Version;
import dev.tapes.agent.config.AgentConfig;
import dev.tapes.agent.config.Settings;
import dev.tapes.agent.log.AgentLog;
import dev.tapes.agent.pipeline.AgentBean;
import dev.tapes.agent.pipeline.Counters;
import dev.tapes.agent.pipeline.Endpoints;
import dev.tapes.agent.pipeline.Pipeline;
import dev.tapes.agent.publish.FileSink;
import dev.tapes.agent.publish.KafkaSink;
import dev.tapes.agent.publish.Sink;
import java.lang.instrument.Instrumentation;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent inside its own class loader: reads the configuration, builds the pipeline and
 * its sink, installs the client instrumentations and the bridge they call, and arranges the flush
 * at exit. Runs once, on the thread that called {@code premain}.
 */
public final class AgentStarter {
  private static final Logger log = LoggerFactory.getLogger(AgentStarter.class);

  private AgentStarter() {}

  public static void start(Instrumentation inst, String args) {
    List<String> problems = new ArrayList<>();
    AgentConfig config = AgentConfig.fromEnvironment(problems::add);
    AgentLog.setLevel(config.get(Settings.LOG_LEVEL));
    problems.forEach(log::warn);
    if (!config.get(Settings.ENABLED)) {
      return;
    }

    Sink sink = sink(config);
    Pipeline pipeline =
        new Pipeline(
            sink,
            new Counters(),
            config.get(Settings.QUEUE_CAPACITY).intValue(),
            config.get(Settings.PROJECT),
            config.get(Settings.AGENT_NAME));
    pipeline.start();
    long exitTimeout = config.get(Settings.EXIT_TIMEOUT_MS);

    Endpoints endpoints = new Endpoints(config.get(Settings.CAPTURE_ENDPOINTS));
    long budget = config.get(Settings.MAX_BODY_BYTES);
    Bridge.install(
        new CaptureHooks(
            new JdkHttpHooks(pipeline, endpoints, budget, ResponseTees.create(inst)),
            new OkHttpHooks(pipeline, endpoints, budget),
            new ApacheHooks(pipeline, endpoints, budget)));
    install(inst);

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pipeline.shutdown(exitTimeout);
                  Counters c = pipeline.counters();
                  long lost = pipeline.eventsDropped();
                  String summary =
                      "at exit: "
                          + c.summary()
                          + (lost > 0 ? ", " + lost + " events undelivered" : "");
                  if (c.droppedTotal() > 0 || lost > 0) {
                    log.info(summary);
                  } else {
                    log.debug(summary);
                  }
                },
                "tapes-shutdown"));
    Thread bean = new Thread(() -> AgentBean.register(pipeline), "tapes-jmx");
    bean.setDaemon(true);
    bean.start();

    log.info("agent " + Version.current() + " recording LLM calls to " + sink.describe());
  }

  private static Sink sink(AgentConfig config) {
    String brokers = config.get(Settings.KAFKA_BROKERS);
    if (brokers.isBlank()) {
      return new FileSink(Paths.get(config.get(Settings.FILE)));
    }
    return new KafkaSink(
        brokers.trim(),
        config.get(Settings.KAFKA_TOPIC),
        config.get(Settings.KAFKA_KEY).equals("conversation"),
        config.get(Settings.KAFKA_PARTITIONER).equals("fnv1a"),
        AgentConfig.producerSettings(),
        config.get(Settings.KAFKA_BUFFER_BYTES));
  }

  private static void install(Instrumentation inst) {
    // Byte Buddy's default ignores skip the JDK's own loaders, where java.net.http lives.
    String nexus = "net.bytebuddy.nexus.disabled";
    String previous = System.getProperty(nexus);
    System.setProperty(nexus, "true");
    try {
      AgentBuilder builder =
          new AgentBuilder.Default()
              .disableClassFormatChanges()
              .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
              .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
              .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
              .with(new FailureListener())
              .ignore(
                  nameStartsWith("dev.tapes.agent.")
                      .or(nameStartsWith("net.bytebuddy."))
                      .or(nameStartsWith("sun.reflect."))
                      .or(nameStartsWith("jdk.internal.reflect.")));
      builder = JdkHttpClientInstrumentation.apply(builder, inst);
      builder = OkHttpInstrumentation.apply(builder, inst);
      builder = ApacheClient4Instrumentation.apply(builder, inst);
      builder = ApacheClient5Instrumentation.apply(builder, inst);
      builder.installOn(inst);
    } finally {
      if (previous == null) {
        System.clearProperty(nexus);
      } else {
        System.setProperty(nexus, previous);
      }
    }
  }

  /** Reports instrumentation that could not be applied, once per type, at debug level. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        net.bytebuddy.utility.JavaModule module,
        boolean loaded,
        Throwable throwable) {
      if (AgentLog.allow("instrument-" + typeName))
        log.warn("could not instrument " + typeName + ": " + throwable);
    }
  }
}
