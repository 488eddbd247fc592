package dev.tapes.agent.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Routes the agent's relocated SLF4J (its own code and its libraries') to {@link AgentLog}: the
 * agent's log never reaches the application's logging, and the application's never sees it.
 */
public final class AgentLoggerProvider implements SLF4JServiceProvider {
  private final ILoggerFactory factory = AgentLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** One logger per name; the level is the agent's single level. */
  private static final class AgentLogger extends LegacyAbstractLogger implements Logger {
    private static final long serialVersionUID = 1L;

    /**
     * Libraries (the Kafka client) are chatty: their info lines are the agent's debug, and their
     * warnings and errors are shown at most once a minute per logger.
     */
    private final boolean library;

    AgentLogger(String name) {
      this.name = name;
      this.library = name.startsWith("org.apache.kafka");
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return AgentLog.enabled(AgentLog.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return AgentLog.enabled(library ? AgentLog.Level.DEBUG : AgentLog.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return AgentLog.enabled(AgentLog.Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return AgentLog.enabled(AgentLog.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        org.slf4j.Marker marker,
        String pattern,
        Object[] arguments,
        Throwable throwable) {
      if (library && (level == Level.WARN || level == Level.ERROR) && !AgentLog.allow(name)) {
        return; // a broker out of reach would otherwise be reported every second
      }
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      if (throwable != null) {
        message = message + ": " + throwable;
      }
      switch (level) {
        case ERROR:
          AgentLog.error(message);
          break;
        case WARN:
          AgentLog.warn(message);
          break;
        case INFO:
          if (library) {
            AgentLog.debug(message);
          } else {
            AgentLog.info(message);
          }
          break;
        default:
          AgentLog.debug(message);
      }
    }
  }
}
