package io.ward.cli;

import io.ward.server.RunningServer;
import io.ward.server.ServerSettings;
import io.ward.server.ServerStartException;
import io.ward.server.WardServer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ward serve}: runs the server (API and console) until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Ward's server: the web console and the REST API.",
      "It listens on loopback unless told otherwise. On first start with no users it",
      "prints a one-time setup URL for the first admin. With the embedded database,",
      "ward users, tokens and audit need the server stopped (it holds the database)."
    })
final class ServeCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port (default: $WARD_PORT, else 8080)")
  Optional<Integer> port = Optional.empty();

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "address to listen on (default: $WARD_BIND_ADDRESS, else 127.0.0.1); others need TLS"
              + " or --allow-plain-http")
  Optional<String> bind = Optional.empty();

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description = "PKCS#12 keystore for HTTPS (password from $WARD_TLS_KEYSTORE_PASSWORD)")
  Optional<Path> keystore = Optional.empty();

  @Option(
      names = "--tls-certificate",
      paramLabel = "FILE",
      description = "PEM certificate (chain) for HTTPS")
  Optional<Path> certificate = Optional.empty();

  @Option(
      names = "--tls-private-key",
      paramLabel = "FILE",
      description = "PEM private key for HTTPS")
  Optional<Path> privateKey = Optional.empty();

  @Option(
      names = "--allow-plain-http",
      description = "serve plain HTTP on a non-loopback address (not recommended)")
  boolean allowPlainHttp;

  @Override
  public Integer call() throws InterruptedException {
    ServerSettings s;
    try {
      s = settings();
    } catch (IllegalArgumentException e) {
      System.err.println("ward: bad configuration: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    RunningServer server;
    try {
      server = WardServer.start(s);
    } catch (ServerStartException e) {
      System.err.println("ward: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    server
        .oneTimeLoginUrl()
        .ifPresent(
            u ->
                System.out.println(
                    "Ward has no users yet. Create the first admin at (valid once): " + u));
    System.out.flush();
    System.err.println("ward: serving on " + server.url() + " (Ctrl-C to stop)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "ward-stop"));
    stopped.await();
    return ExitCodes.OK;
  }

  /**
   * The {@code WARD_*} variables the options given replace: an option wins, and a variable it
   * replaces is not read at all ({@code WARD_PORT=abc ward serve --port 8081} serves on 8081).
   */
  private Set<String> replacedVariables() {
    Set<String> replaced = new HashSet<>();
    port.ifPresent(p -> replaced.add("WARD_PORT"));
    bind.ifPresent(b -> replaced.add("WARD_BIND_ADDRESS"));
    if (keystore.isPresent() || certificate.isPresent() || privateKey.isPresent()) {
      // The certificate options replace the variables of both kinds; the keystore's password
      // stays in WARD_TLS_KEYSTORE_PASSWORD.
      replaced.addAll(List.of("WARD_TLS_KEYSTORE", "WARD_TLS_CERTIFICATE", "WARD_TLS_PRIVATE_KEY"));
    }
    return replaced;
  }

  /** The {@code --port} given, refused as a usage error (exit 2) when it is no port number. */
  static int portOption(picocli.CommandLine.Model.CommandSpec spec, int port) {
    try {
      return ServerSettings.port("--port", Integer.toString(port));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private ServerSettings settings() {
    Optional<Integer> chosenPort = port.map(p -> portOption(spec, p));
    ServerSettings s = store.settings(replacedVariables());
    if (chosenPort.isPresent()) {
      s = s.withPort(chosenPort.get());
    }
    if (bind.isPresent() || allowPlainHttp) {
      s = s.withBindAddress(bind.orElse(s.bindAddress()), allowPlainHttp);
    }
    if (keystore.isPresent()) {
      s =
          s.withTls(
              ServerSettings.Tls.pkcs12(
                  keystore.get(),
                  Optional.ofNullable(System.getenv("WARD_TLS_KEYSTORE_PASSWORD")).orElse("")));
    } else if (certificate.isPresent() || privateKey.isPresent()) {
      if (certificate.isEmpty() || privateKey.isEmpty()) {
        // A usage error (exit 2), not a bad file: no file has been looked at yet.
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--tls-certificate and --tls-private-key go together");
      }
      s = s.withTls(ServerSettings.Tls.pem(certificate.get(), privateKey.get()));
    }
    return s;
  }
}
