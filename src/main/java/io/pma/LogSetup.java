package io.pma;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.pma.config.LoggingConfig;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging.*} to the console log that {@code logback.xml} set up: the root level, and
 * for {@code format: json} the logstash encoder (one JSON object per line: {@code @timestamp},
 * {@code level}, {@code logger_name}, {@code thread_name}, {@code message}, {@code stack_trace}).
 * Runs once, before the server logs anything.
 */
final class LogSetup {
  private LogSetup() {}

  static void apply(LoggingConfig config) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.level()));
    if (config.json() && root.getAppender("CONSOLE") instanceof ConsoleAppender<ILoggingEvent> console) {
      LogstashEncoder encoder = new LogstashEncoder();
      encoder.setContext(context);
      encoder.start();
      console.stop();
      console.setEncoder(encoder);
      console.start();
    }
  }
}
