package io.ward.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's logging configuration (logback.xml): HAPI, which parses HL7 from captured traffic
 * carrying patient data, logs nothing at any level, while Ward's own information and other
 * libraries' warnings still reach the log.
 */
class LoggingConfigTest {

  @Test
  void shouldSilenceHapiAndKeepWardsOwnMessages() {
    for (String hapi :
        new String[] {
          "ca.uhn.hl7v2.parser.PipeParser", "ca.uhn.hl7v2.preparser.PreParser", "ca.uhn.hl7v2"
        }) {
      Logger logger = LoggerFactory.getLogger(hapi);
      assertThat(logger.isErrorEnabled()).as(hapi).isFalse();
      assertThat(logger.isWarnEnabled()).as(hapi).isFalse();
    }
    assertThat(LoggerFactory.getLogger("io.ward.server.WardServer").isInfoEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("org.apache.catalina.startup").isWarnEnabled()).isTrue();
  }
}
