package io.ward.server.config;

import io.ward.model.IpNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ward's own settings ({@code ward.*}; environment variables such as {@code WARD_DATA_DIR} and
 * {@code WARD_DB_URL} bind to them by Spring's relaxed binding).
 *
 * @param dataDir where the embedded database, uploaded captures and feeds live
 * @param db the database; the embedded H2 file under {@code dataDir} when no URL is given
 * @param ingest background job settings
 * @param security login throttling and setup settings
 * @param feeds where advisory feeds are read from and how often they are re-read
 * @param background this process runs background work: recovery of jobs an earlier run left
 *     unfinished, scheduled feed refresh (off for command-line administration)
 */
@ConfigurationProperties("ward")
public record WardProperties(
    @Nullable Path dataDir,
    @DefaultValue Db db,
    @DefaultValue Ingest ingest,
    @DefaultValue Security security,
    @DefaultValue Feeds feeds,
    @DefaultValue("true") boolean background) {

  /**
   * The environment variable that sets a property by Spring's relaxed binding (upper case, dots to
   * underscores, dashes dropped), e.g. {@code WARD_DB_POOLSIZE} for {@code ward.db.pool-size}: what
   * a message about a bad value names beside the property.
   */
  public static String environmentVariable(String property) {
    return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", "");
  }

  /** The feed directory: {@code ward.feeds.dir}, else {@code <dataDir>/feeds}. */
  public Path feedDirectory() {
    return feeds.dir() != null ? feeds.dir() : dataDirectory().resolve("feeds");
  }

  /** The data directory: {@code ward.data-dir}, else {@code ~/.ward}. */
  public Path dataDirectory() {
    return dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".ward");
  }

  /**
   * The database.
   *
   * @param url a JDBC URL ({@code jdbc:postgresql://…} or {@code jdbc:h2:…}); empty for the
   *     embedded H2 file
   * @param user the database user
   * @param password the database password (never logged)
   * @param schema a schema to use (and create) instead of the default one; tests isolate by it
   * @param poolSize the connection pool size
   */
  public record Db(
      @Nullable String url,
      @Nullable String user,
      @Nullable String password,
      @Nullable String schema,
      @DefaultValue("8") int poolSize) {

    /** The URL, when one is configured. */
    public Optional<String> jdbcUrl() {
      return Optional.ofNullable(url).filter(u -> !u.isBlank());
    }

    /** The kind of database configured: the embedded H2 when no URL is. */
    public Databases kind() {
      return jdbcUrl().map(Databases::of).orElse(Databases.H2);
    }

    /** The user, when one is configured. */
    public Optional<String> username() {
      return Optional.ofNullable(user).filter(u -> !u.isBlank());
    }

    /** The password, when one is configured. */
    public Optional<String> secret() {
      return Optional.ofNullable(password);
    }

    /** The schema, when one is configured. */
    public Optional<String> schemaName() {
      return Optional.ofNullable(schema).filter(u -> !u.isBlank());
    }
  }

  /**
   * Background jobs and the uploads they read.
   *
   * @param threads jobs analysed at once
   * @param workers capture worker threads per analysis
   * @param maxUploadSize the largest file one upload may hold (a capture, feed, SBOM, MDS2 form or
   *     CMDB export), as stored: a gzip file's compressed size
   * @param internalNets address ranges of the hospital's own in CIDR notation, as {@code ward
   *     analyze --internal-net} takes them: a public address in one stays a device when a capture
   *     shows it only behind a router, instead of being left out as an external endpoint
   */
  public record Ingest(
      @DefaultValue("1") int threads,
      @DefaultValue("1") int workers,
      @DefaultValue("8GB") DataSize maxUploadSize,
      @DefaultValue List<String> internalNets) {

    public Ingest {
      if (maxUploadSize.toBytes() <= 0) {
        throw new IllegalArgumentException(
            "max-upload-size must be a positive size such as 8GB or 500MB, not " + maxUploadSize);
      }
      internalNets = internalNets == null ? List.of() : List.copyOf(internalNets);
      internalNetworks(internalNets); // refused at start, not at the first capture
    }

    /** The {@code internalNets} as networks. */
    public List<IpNetwork> internalNetworks() {
      return internalNetworks(internalNets);
    }

    private static List<IpNetwork> internalNetworks(List<String> texts) {
      List<IpNetwork> out = new ArrayList<>();
      for (String text : texts) {
        try {
          out.add(IpNetwork.parse(text));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "ward.ingest.internal-nets ("
                  + environmentVariable("ward.ingest.internal-nets")
                  + "): "
                  + e.getMessage()); // no cause: the start failure names the deepest one
        }
      }
      return List.copyOf(out);
    }
  }

  /**
   * Login protection and first-start setup.
   *
   * @param maxFailedLogins failed logins in a row before an account is locked
   * @param lockout how long a locked account stays locked
   * @param maxFailuresPerAddress failed logins from one address per window before it is throttled
   * @param throttleWindow the window of the per-address count
   * @param setupTokenValidity how long the first-start setup URL stays valid
   */
  public record Security(
      @DefaultValue("5") int maxFailedLogins,
      @DefaultValue("15m") Duration lockout,
      @DefaultValue("20") int maxFailuresPerAddress,
      @DefaultValue("10m") Duration throttleWindow,
      @DefaultValue("60m") Duration setupTokenValidity) {}

  /**
   * Advisory feeds.
   *
   * @param dir a directory of feed files read on each refresh (default {@code dataDir/feeds}); a
   *     feed sync stores what it fetches here
   * @param refresh how often the feed directory is re-read; zero turns it off
   * @param sync fetching feeds into the feed directory
   */
  public record Feeds(
      @Nullable Path dir, @DefaultValue("6h") Duration refresh, @DefaultValue Sync sync) {}

  /**
   * Feed sync: fetch configured feeds over HTTP(S) with conditional requests and import the feed
   * files found in a directory (an offline site's share or removable disk) into the feed directory,
   * then read them. Off unless {@code every} is set, since a hospital network may be offline; an
   * admin can always start one ("sync now") once a source is configured.
   *
   * @param config a feeds YAML ({@code ward feeds sync --config} format) listing URLs to fetch
   * @param from a directory whose feed files are imported on each sync
   * @param every how often to sync; zero (the default) means only when an admin asks
   */
  public record Sync(
      @Nullable Path config, @Nullable Path from, @DefaultValue("0s") Duration every) {

    /** True when there is something to sync from. */
    public boolean configured() {
      return config != null || from != null;
    }

    /** True when syncs run on a schedule. */
    public boolean scheduled() {
      return configured() && !every.isZero() && !every.isNegative();
    }
  }
}
