package io.ward.server;

import io.ward.inventory.KnowledgeBaseException;
import io.ward.server.config.Databases;
import io.ward.server.config.WardProperties;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.context.properties.bind.BindException;

/** Turns a failed start into one clear line: port taken, database unreachable, bad config. */
final class StartFailures {
  private StartFailures() {}

  static String describe(Throwable failure, ServerSettings settings) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.endsWith("PortInUseException") || t instanceof java.net.BindException) {
        return "port "
            + settings.port()
            + " on "
            + settings.bindAddress()
            + " is already in use (choose another with --port)";
      }
      if (t.getMessage() != null && t.getMessage().startsWith("Could not load store")) {
        // Spring Boot's SSL bundle: a keystore it cannot open (a wrong password, a damaged file).
        return "TLS "
            + settings.tls().map(StartFailures::files).orElse("certificate")
            + " cannot be used: "
            + rootMessage(t);
      }
      if (t instanceof BindException b) {
        return "bad configuration: " + setting(b);
      }
      if (t instanceof FlywayException) {
        return "database migration failed: " + firstLine(t.getMessage());
      }
      if (t instanceof SQLException || name.endsWith("PoolInitializationException")) {
        return "database unreachable ("
            + settings.dbUrl().map(Databases::redact).orElse("embedded H2")
            + "): "
            + rootMessage(t);
      }
      if (t instanceof KnowledgeBaseException) {
        return "knowledge base: " + firstLine(t.getMessage());
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException) {
      return "bad configuration: " + firstLine(root.getMessage());
    }
    return "cannot start: " + rootMessage(failure);
  }

  /**
   * Settings Ward derives from one of its own in application.properties: a bad value is reported
   * under the setting the user gave, not the one it was copied to.
   */
  private static final Map<String, String> DERIVED =
      Map.of("server.tomcat.threads.max", "ward.db.pool-size");

  /**
   * A setting that could not be bound: its name, the environment variable that sets it, what it
   * expects and the value given, e.g. {@code ward.ingest.threads (WARD_INGEST_THREADS) must be a
   * whole number, not 'abc'} rather than the converter's {@code For input string: "abc"}.
   */
  static String setting(BindException b) {
    String name = b.getName().toString();
    name = DERIVED.getOrDefault(name, name);
    StringBuilder line = new StringBuilder(name);
    if (name.startsWith("ward.")) {
      line.append(" (").append(WardProperties.environmentVariable(name)).append(")");
    }
    Optional<String> expected = expected(b.getTarget().getType().resolve());
    Object value = given(b);
    if (expected.isEmpty()) {
      return line.append(": ").append(rootMessage(b)).toString();
    }
    line.append(" must be ").append(expected.get());
    if (value != null) {
      line.append(", not '").append(firstLine(value.toString())).append("'");
    }
    return line.toString();
  }

  /**
   * The value that could not be converted: the converter's, as the property's own may be a
   * placeholder (a derived setting's {@code ${ward.db.pool-size:8}}).
   */
  private static Object given(BindException b) {
    for (Throwable t = b; t != null; t = t.getCause()) {
      if (t instanceof org.springframework.core.convert.ConversionFailedException c) {
        return c.getValue();
      }
    }
    return b.getProperty() == null ? null : b.getProperty().getValue();
  }

  private static Optional<String> expected(Class<?> type) {
    if (type == null) {
      return Optional.empty();
    }
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return Optional.of("a whole number");
    }
    if (type == boolean.class || type == Boolean.class) {
      return Optional.of("true or false");
    }
    if (type == java.time.Duration.class) {
      return Optional.of("a duration such as 90s, 15m, 6h or 1d");
    }
    if (type == org.springframework.util.unit.DataSize.class) {
      return Optional.of("a size such as 512KB, 10MB or 1GB");
    }
    return Optional.empty();
  }

  private static String files(ServerSettings.Tls tls) {
    return tls.keystore()
        .map(k -> "keystore " + k)
        .orElseGet(
            () ->
                "certificate "
                    + tls.certificate().map(Object::toString).orElse("")
                    + " and key "
                    + tls.privateKey().map(Object::toString).orElse(""));
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return firstLine(
        Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName()));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
