package io.ward.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to start Ward's server; everything not given falls back to {@code WARD_*} environment
 * variables and then to the defaults (loopback, port 8080, data in {@code ~/.ward}, embedded H2).
 *
 * @param port the TCP port (0 picks a free one)
 * @param bindAddress the address to listen on; a non-loopback address needs TLS or {@code
 *     allowPlainHttp}
 * @param dataDir the data directory
 * @param dbUrl a PostgreSQL (or H2) JDBC URL; empty for the embedded H2 file
 * @param dbUser the database user
 * @param dbPassword the database password
 * @param dbSchema a database schema to use instead of the default one
 * @param tls the certificate to serve HTTPS with
 * @param allowPlainHttp serve plain HTTP on a non-loopback address (not recommended)
 */
public record ServerSettings(
    int port,
    String bindAddress,
    Optional<Path> dataDir,
    Optional<String> dbUrl,
    Optional<String> dbUser,
    Optional<String> dbPassword,
    Optional<String> dbSchema,
    Optional<Tls> tls,
    boolean allowPlainHttp) {

  public ServerSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must lie in [0,65535]: " + port);
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
  }

  /**
   * A certificate for HTTPS: a PKCS#12 keystore, or PEM certificate and private key files.
   *
   * @param keystore a PKCS#12 file
   * @param keystorePassword its password
   * @param certificate a PEM certificate (chain) file
   * @param privateKey a PEM private key file
   */
  public record Tls(
      Optional<Path> keystore,
      Optional<String> keystorePassword,
      Optional<Path> certificate,
      Optional<Path> privateKey) {

    public Tls {
      if (keystore.isEmpty() == (certificate.isEmpty() || privateKey.isEmpty())) {
        if (keystore.isPresent() || certificate.isPresent() || privateKey.isPresent()) {
          throw new IllegalArgumentException(
              "TLS needs either a PKCS#12 keystore, or a PEM certificate and its private key");
        }
      }
    }

    /** A PKCS#12 keystore. */
    public static Tls pkcs12(Path keystore, String password) {
      return new Tls(
          Optional.of(keystore), Optional.of(password), Optional.empty(), Optional.empty());
    }

    /** PEM files. */
    public static Tls pem(Path certificate, Path privateKey) {
      return new Tls(
          Optional.empty(), Optional.empty(), Optional.of(certificate), Optional.of(privateKey));
    }
  }

  /** The defaults, with {@code WARD_DATA_DIR}, {@code WARD_DB_URL}… from the environment. */
  public static ServerSettings fromEnvironment() {
    return fromEnvironment(Set.of());
  }

  /**
   * The defaults, with {@code WARD_*} values from the environment except the variables named in
   * {@code replaced}: those that options given on the command line replace ({@code --port} replaces
   * {@code WARD_PORT}). A variable that is not used is not read, so a bad value in it does not stop
   * a command that says what to use instead.
   *
   * @throws IllegalArgumentException a value read that cannot be used, in one line naming the
   *     variable and what it expects
   */
  public static ServerSettings fromEnvironment(Set<String> replaced) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.keySet().removeAll(replaced);
    return fromEnvironment(environment);
  }

  /**
   * The defaults, with {@code WARD_*} values from {@code environment}.
   *
   * @throws IllegalArgumentException a value that cannot be used, in one line naming the variable
   *     and what it expects
   */
  static ServerSettings fromEnvironment(Map<String, String> environment) {
    return new ServerSettings(
        env(environment, "WARD_PORT").map(p -> port("WARD_PORT", p)).orElse(8080),
        env(environment, "WARD_BIND_ADDRESS").orElse("127.0.0.1"),
        env(environment, "WARD_DATA_DIR").map(Path::of),
        env(environment, "WARD_DB_URL"),
        env(environment, "WARD_DB_USER"),
        env(environment, "WARD_DB_PASSWORD"),
        Optional.empty(),
        tlsFromEnvironment(environment),
        false);
  }

  /**
   * A port number given as text, e.g. in {@code WARD_PORT}.
   *
   * @param source what gave it ({@code WARD_PORT}, {@code --port}), named when it is refused
   * @throws IllegalArgumentException it is not a number from 0 to 65535
   */
  public static int port(String source, String text) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the variable's name
    }
    throw new IllegalArgumentException(
        source + " must be a TCP port number from 0 to 65535, not '" + text + "'");
  }

  private static Optional<Tls> tlsFromEnvironment(Map<String, String> environment) {
    Optional<Path> keystore = env(environment, "WARD_TLS_KEYSTORE").map(Path::of);
    Optional<Path> cert = env(environment, "WARD_TLS_CERTIFICATE").map(Path::of);
    Optional<Path> key = env(environment, "WARD_TLS_PRIVATE_KEY").map(Path::of);
    if (keystore.isEmpty() && cert.isEmpty() && key.isEmpty()) {
      return Optional.empty();
    }
    if (keystore.isPresent() && (cert.isPresent() || key.isPresent())) {
      throw new IllegalArgumentException(
          "WARD_TLS_KEYSTORE and WARD_TLS_CERTIFICATE/WARD_TLS_PRIVATE_KEY are both set: give a"
              + " PKCS#12 keystore, or a PEM certificate and its private key, not both");
    }
    if (keystore.isEmpty() && (cert.isEmpty() || key.isEmpty())) {
      throw new IllegalArgumentException(
          (cert.isPresent()
                  ? "WARD_TLS_CERTIFICATE is set without WARD_TLS_PRIVATE_KEY"
                  : "WARD_TLS_PRIVATE_KEY is set without WARD_TLS_CERTIFICATE")
              + ": a PEM certificate and its private key go together (or give a PKCS#12"
              + " keystore in WARD_TLS_KEYSTORE)");
    }
    return Optional.of(
        new Tls(keystore, env(environment, "WARD_TLS_KEYSTORE_PASSWORD"), cert, key));
  }

  private static Optional<String> env(Map<String, String> environment, String name) {
    return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
  }

  /** These settings on another port. */
  public ServerSettings withPort(int p) {
    return new ServerSettings(
        p, bindAddress, dataDir, dbUrl, dbUser, dbPassword, dbSchema, tls, allowPlainHttp);
  }

  /** These settings with another data directory. */
  public ServerSettings withDataDir(Path dir) {
    return new ServerSettings(
        port,
        bindAddress,
        Optional.of(dir),
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        tls,
        allowPlainHttp);
  }

  /** These settings on another database. */
  public ServerSettings withDatabase(String url, Optional<String> user, Optional<String> password) {
    return new ServerSettings(
        port,
        bindAddress,
        dataDir,
        Optional.of(url),
        user,
        password,
        dbSchema,
        tls,
        allowPlainHttp);
  }

  /** These settings using a database schema of their own. */
  public ServerSettings withSchema(String schema) {
    return new ServerSettings(
        port,
        bindAddress,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        Optional.of(schema),
        tls,
        allowPlainHttp);
  }

  /** These settings serving HTTPS. */
  public ServerSettings withTls(Tls t) {
    return new ServerSettings(
        port,
        bindAddress,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        dbSchema,
        Optional.of(t),
        allowPlainHttp);
  }

  /** These settings listening on another address. */
  public ServerSettings withBindAddress(String address, boolean allowPlain) {
    return new ServerSettings(
        port, address, dataDir, dbUrl, dbUser, dbPassword, dbSchema, tls, allowPlain);
  }
}
