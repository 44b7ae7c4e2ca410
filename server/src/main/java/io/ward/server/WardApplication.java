package io.ward.server;

import io.ward.server.config.WardProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Spring Boot application: storage, ingest, security, API and console under io.ward.server. */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(WardProperties.class)
public class WardApplication {

  /** Starts the server with {@code ward.*} settings from the environment (development use). */
  public static void main(String[] args) {
    SpringApplication.run(WardApplication.class, args);
  }
}
