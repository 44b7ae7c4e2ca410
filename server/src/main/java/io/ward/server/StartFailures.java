package io.ward.server;

import io.ward.inventory.KnowledgeBaseException;
import io.ward.server.config.Databases;
import java.sql.SQLException;
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
        return "bad configuration: " + b.getName() + ": " + rootMessage(b);
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
