package io.ward.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The server's logging configuration, {@code logback.xml} of its own resources, read into a logger
 * context of its own (so that no test configuration could stand in for it): HAPI, which parses HL7
 * from captured traffic carrying patient data, logs nothing at any level, while Ward's own
 * information and other libraries' warnings still reach the log.
 */
class LoggingConfigTest {

  @Test
  void shouldSilenceHapiAndKeepWardsOwnMessages() throws Exception {
    URL config = WardServer.class.getResource("/logback.xml");
    assertThat(config).as("the server's logback.xml").isNotNull();
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);

    for (String hapi :
        new String[] {
          "ca.uhn.hl7v2.parser.PipeParser", "ca.uhn.hl7v2.preparser.PreParser", "ca.uhn.hl7v2"
        }) {
      Logger logger = context.getLogger(hapi);
      assertThat(logger.isErrorEnabled()).as(hapi).isFalse();
      assertThat(logger.isWarnEnabled()).as(hapi).isFalse();
    }
    assertThat(context.getLogger("io.ward.server.WardServer").isInfoEnabled()).isTrue();
    assertThat(context.getLogger("org.apache.catalina.startup").isWarnEnabled()).isTrue();
    context.stop();
  }
}
