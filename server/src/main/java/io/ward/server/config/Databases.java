package io.ward.server.config;

import java.util.Locale;

/** The database kinds Ward runs on, told apart by JDBC URL. */
public enum Databases {
  /** Embedded H2 (the default). */
  H2,
  /** PostgreSQL (production). */
  POSTGRESQL;

  /** The kind of database a JDBC URL points to. */
  public static Databases of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "unsupported database URL (use jdbc:postgresql://… or jdbc:h2:…): " + redact(jdbcUrl));
  }

  /** The Flyway vendor folder name. */
  String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The URL without any password parameter, for messages. */
  public static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
