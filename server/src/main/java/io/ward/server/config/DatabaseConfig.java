package io.ward.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data source: PostgreSQL when {@code ward.db.url} is set, else an H2 file under the data
 * directory. The schema is migrated before the data source is handed to anyone, so every bean sees
 * the current schema.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

  @Bean(destroyMethod = "close")
  DataSource dataSource(WardProperties properties) {
    String url = properties.db().jdbcUrl().orElseGet(() -> h2Url(properties));
    Databases kind = Databases.of(url);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    properties.db().username().ifPresent(config::setUsername);
    properties.db().secret().ifPresent(config::setPassword);
    properties.db().schemaName().ifPresent(config::setSchema);
    config.setMaximumPoolSize(properties.db().poolSize());
    config.setPoolName("ward");
    Optional<EmbeddedDatabaseClosed> closed =
        kind == Databases.H2 ? Optional.of(new EmbeddedDatabaseClosed()) : Optional.empty();
    closed.ifPresent(config::setExceptionOverride);
    HikariDataSource dataSource = new HikariDataSource(config);
    closed.ifPresent(c -> c.watch(dataSource));
    try {
      migrate(dataSource, kind, properties);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return dataSource;
  }

  static void migrate(DataSource dataSource, Databases kind, WardProperties properties) {
    var flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/common", "classpath:db/migration/" + kind.folder());
    properties.db().schemaName().ifPresent(s -> flyway.schemas(s).createSchemas(true));
    flyway.load().migrate();
  }

  /** The embedded database file {@code <dataDir>/db/ward.mv.db}, PostgreSQL-like names. */
  static String h2Url(WardProperties properties) {
    Path dir = properties.dataDirectory().resolve("db").toAbsolutePath();
    try {
      OwnerOnly.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
    return "jdbc:h2:file:"
        + dir.resolve("ward")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }
}
