package io.ward.server;

import io.ward.server.security.SetupService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Starts Ward's server in this process: what {@code ward serve} and {@code ward demo} call. */
public final class WardServer {
  private static final Logger log = LoggerFactory.getLogger(WardServer.class);

  private WardServer() {}

  /**
   * Starts the server and returns once it answers. On first start with no user it issues a one-time
   * setup URL, at {@link RunningServer#oneTimeLoginUrl()}, for the caller to show.
   *
   * @throws ServerStartException with a one-line reason: port taken, database unreachable, bad
   *     configuration
   */
  public static RunningServer start(ServerSettings settings) throws ServerStartException {
    return start(settings, Map.of());
  }

  /**
   * Starts the server with further {@code ward.*} settings that {@link ServerSettings} does not
   * carry (for example {@code ward.feeds.sync.every}); they take precedence over the environment.
   *
   * @throws ServerStartException with a one-line reason
   */
  public static RunningServer start(ServerSettings settings, Map<String, String> more)
      throws ServerStartException {
    checkBinding(settings);
    if (settings.tls().isPresent() && settings.tls().get().keystore().isEmpty()) {
      ServerSettings.Tls pem = settings.tls().get();
      TlsFiles.checkPem(pem.certificate().orElseThrow(), pem.privateKey().orElseThrow());
    }
    Map<String, Object> props = properties(settings);
    props.putAll(more);
    ConfigurableApplicationContext context = run(settings, WebApplicationType.SERVLET, props);
    String url = baseUrl(settings, context);
    Optional<String> setupUrl =
        context.getBean(SetupService.class).issueIfNoUsers().map(t -> url + "/setup?token=" + t);
    // Printing it is the caller's: ward serve prints it at once, ward demo after its imports,
    // and a server that printed it too made the demo show it twice.
    setupUrl.ifPresent(
        u -> log.warn("no users yet: a one-time setup URL was issued for the first admin"));
    log.info("Ward is listening on {}", url);
    return new RunningServer(context, url, setupUrl);
  }

  /** Runs a context with Ward's settings placed before every other property source. */
  static ConfigurableApplicationContext run(
      ServerSettings settings, WebApplicationType type, Map<String, Object> props)
      throws ServerStartException {
    SpringApplication app = new SpringApplication(WardApplication.class);
    app.setWebApplicationType(type);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    app.addInitializers(
        ctx ->
            ctx.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("ward-settings", props)));
    try {
      return app.run();
    } catch (RuntimeException e) {
      throw new ServerStartException(StartFailures.describe(e, settings), e);
    }
  }

  /** Spring properties for the settings. */
  static Map<String, Object> properties(ServerSettings s) {
    Map<String, Object> p = new HashMap<>();
    p.put("server.port", s.port());
    p.put("server.address", s.bindAddress());
    s.dataDir().ifPresent(d -> p.put("ward.data-dir", d.toAbsolutePath().toString()));
    s.dbUrl().ifPresent(u -> p.put("ward.db.url", u));
    s.dbUser().ifPresent(u -> p.put("ward.db.user", u));
    s.dbPassword().ifPresent(u -> p.put("ward.db.password", u));
    s.dbSchema().ifPresent(u -> p.put("ward.db.schema", u));
    s.tls()
        .ifPresent(
            tls -> {
              p.put("server.ssl.bundle", "ward");
              p.put("server.servlet.session.cookie.secure", "true");
              if (tls.keystore().isPresent()) {
                p.put(
                    "spring.ssl.bundle.jks.ward.keystore.location",
                    "file:" + tls.keystore().get().toAbsolutePath());
                p.put("spring.ssl.bundle.jks.ward.keystore.type", "PKCS12");
                tls.keystorePassword()
                    .ifPresent(pw -> p.put("spring.ssl.bundle.jks.ward.keystore.password", pw));
              } else {
                p.put(
                    "spring.ssl.bundle.pem.ward.keystore.certificate",
                    "file:" + tls.certificate().orElseThrow().toAbsolutePath());
                p.put(
                    "spring.ssl.bundle.pem.ward.keystore.private-key",
                    "file:" + tls.privateKey().orElseThrow().toAbsolutePath());
              }
            });
    return p;
  }

  /** Plain HTTP only on loopback unless explicitly allowed. */
  static void checkBinding(ServerSettings s) throws ServerStartException {
    if (s.tls().isPresent() || s.allowPlainHttp()) {
      return;
    }
    try {
      InetAddress address = InetAddress.getByName(s.bindAddress());
      if (!address.isLoopbackAddress()) {
        throw new ServerStartException(
            "refusing plain HTTP on "
                + s.bindAddress()
                + ": give a certificate for HTTPS, or listen on 127.0.0.1",
            null);
      }
    } catch (UnknownHostException e) {
      throw new ServerStartException(
          "bad configuration: unknown bind address '"
              + s.bindAddress()
              + "': --bind (or WARD_BIND_ADDRESS) must be an IP address or a host name of this"
              + " machine",
          e);
    }
  }

  private static String baseUrl(ServerSettings s, ConfigurableApplicationContext context) {
    String port =
        context.getEnvironment().getProperty("local.server.port", Integer.toString(s.port()));
    String host = s.bindAddress();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (s.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port;
  }
}
