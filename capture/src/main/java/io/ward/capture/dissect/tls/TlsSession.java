package io.ward.capture.dissect.tls;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.Map;
import java.util.Optional;

/**
 * One TLS connection up to the end of its cleartext handshake: the ClientHello (versions, SNI,
 * ciphers, JA3, JA4), the ServerHello (version, cipher) and, before TLS 1.3, the server
 * certificate. Once both directions are encrypted there is nothing more to read.
 */
final class TlsSession implements DissectorSession {

  /** Cipher suites the client offered, GREASE removed, 4-digit hex in wire order. */
  static final String TLS_CLIENT_CIPHERS = "tls.clientCiphers";

  /** ALPN protocols the client offered, e.g. {@code h2,http/1.1}. */
  static final String TLS_ALPN = "tls.alpn";

  /** "true" when the leaf certificate is self-signed (subject = issuer, verifies itself). */
  static final String TLS_CERT_SELF_SIGNED = "tls.certSelfSigned";

  /** "true" when TLS 1.3 was negotiated: the certificate is encrypted and cannot be read. */
  static final String TLS_CERT_ENCRYPTED = "tls.certEncrypted";

  /** Subject DN of a client certificate (mutual TLS); the client's identity. */
  static final String TLS_CLIENT_CERT_SUBJECT = "tls.clientCertSubject";

  /** Issuer DN of a client certificate. */
  static final String TLS_CLIENT_CERT_ISSUER = "tls.clientCertIssuer";

  /** End of validity of a client certificate, ISO-8601. */
  static final String TLS_CLIENT_CERT_NOT_AFTER = "tls.clientCertNotAfter";

  /** Key algorithm and size of a client certificate. */
  static final String TLS_CLIENT_CERT_KEY = "tls.clientCertKey";

  /** Beyond this many bytes a connection that never finished its handshake is given up. */
  private static final long MAX_BYTES = 1 << 20;

  private static final int CLIENT_HELLO = 1;
  private static final int SERVER_HELLO = 2;
  private static final int CERTIFICATE = 11;

  /** SSL 2.0 cipher kinds (SSL 2.0 draft, appendix C). */
  private static final Map<Integer, String> SSL2_CIPHERS =
      Map.of(
          0x010080, "SSL2_RC4_128_WITH_MD5",
          0x020080, "SSL2_RC4_128_EXPORT40_WITH_MD5",
          0x030080, "SSL2_RC2_128_CBC_WITH_MD5",
          0x040080, "SSL2_RC2_128_CBC_EXPORT40_WITH_MD5",
          0x050080, "SSL2_IDEA_128_CBC_WITH_MD5",
          0x060040, "SSL2_DES_64_CBC_WITH_MD5",
          0x0700c0, "SSL2_DES_192_EDE3_CBC_WITH_MD5");

  private final FlowContext flow;
  private final Side client = new Side(true);
  private final Side server = new Side(false);
  private long epochNanos;
  private boolean tls13;

  TlsSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    this.epochNanos = epochNanos;
    (fromClient ? client : server).reader.feed(buf, offset, length);
    return wantsMore();
  }

  private boolean wantsMore() {
    if (client.reader.bytes() + server.reader.bytes() > MAX_BYTES) {
      return false;
    }
    if (server.reader.done()) {
      // The client's side matters only until its hello; later it is key exchange or encrypted.
      // SSLv2 names the cipher in the client's second message (CLIENT-MASTER-KEY).
      return !client.reader.done()
          && client.reader.bytes() > 0
          && (!client.helloSeen || client.awaitingMasterKey);
    }
    return !(client.reader.done() && server.reader.bytes() == 0 && client.broken);
  }

  private void observe(boolean aboutClient, String field, String value) {
    flow.observe(aboutClient, epochNanos, field, value);
  }

  private void clientHello(ClientHello h, boolean fromClient) {
    clientHello(new ClientHelloCache.Hello(ClientHelloPrints.of(h), h.sni()), fromClient);
  }

  private void clientHello(ClientHelloCache.Hello h, boolean fromClient) {
    // The offer's facts, made once per distinct offer; the server name varies, so it goes alone.
    flow.observe(fromClient, epochNanos, h.prints().facts());
    if (h.sni().isPresent()) {
      observe(!fromClient, ObservationFields.TLS_SNI, h.sni().get());
    }
  }

  private void serverHello(ServerHello h, boolean fromClient) {
    int version = h.negotiatedVersion();
    observe(fromClient, ObservationFields.TLS_SERVER_VERSION, TlsVersion.name(version));
    if (h.cipher().isPresent()) {
      observe(fromClient, ObservationFields.TLS_CIPHER, CipherSuites.name(h.cipher().get()));
    }
    if (h.sslv2Certificate().isPresent()) {
      certificate(h.sslv2Certificate().get(), fromClient);
    }
    if (TlsVersion.isTls13(version)) {
      // RFC 8446 §4.4.2: the Certificate message follows EncryptedExtensions, under handshake
      // keys; a passive observer cannot read it.
      tls13 = true;
      observe(fromClient, TLS_CERT_ENCRYPTED, "true");
    }
  }

  /**
   * The leaf certificate one side sent: the server's, or with mutual TLS (RFC 5246 §7.4.6) the
   * client's, which goes to the {@code tls.clientCert*} fields.
   */
  private void certificate(byte[] der, boolean fromClient) {
    Optional<ServerCertificate> parsed = CertificateParser.parse(der);
    if (parsed.isEmpty()) {
      flow.anomaly("tls.bad_certificate");
      return;
    }
    ServerCertificate c = parsed.get();
    boolean server = !fromClient;
    observe(
        fromClient,
        server ? ObservationFields.TLS_CERT_SUBJECT : TLS_CLIENT_CERT_SUBJECT,
        c.subject());
    observe(
        fromClient,
        server ? ObservationFields.TLS_CERT_ISSUER : TLS_CLIENT_CERT_ISSUER,
        c.issuer());
    observe(
        fromClient,
        server ? ObservationFields.TLS_CERT_NOT_AFTER : TLS_CLIENT_CERT_NOT_AFTER,
        c.notAfter());
    observe(fromClient, server ? ObservationFields.TLS_CERT_KEY : TLS_CLIENT_CERT_KEY, c.key());
    if (c.selfSigned() && server) {
      observe(fromClient, TLS_CERT_SELF_SIGNED, "true");
    }
  }

  /** One direction: its record reader and what it has said. */
  private final class Side implements RecordReader.Listener {
    final boolean fromClient;
    final RecordReader reader = new RecordReader(this);
    boolean helloSeen;
    boolean certificateSeen;
    boolean awaitingMasterKey;
    boolean broken;

    Side(boolean fromClient) {
      this.fromClient = fromClient;
    }

    @Override
    public void handshake(int type, byte[] buf, int offset, int length) {
      switch (type) {
        case CLIENT_HELLO:
          if (helloSeen) {
            // A second ClientHello answers a HelloRetryRequest (RFC 8446 §4.1.2); it adds a
            // cookie and changes key shares, so only the first one is fingerprinted.
            break;
          }
          helloSeen = true;
          // Plain ifs, not ifPresentOrElse with lambdas: each capturing lambda is an allocation
          // through a method handle and a native call under the C1 compiler Ward analyses with
          // (about 35 ns against 4 for a plain object, measured), once per handshake message.
          Optional<ClientHelloCache.Hello> client = ClientHelloCache.read(buf, offset, length);
          if (client.isPresent()) {
            clientHello(client.get(), fromClient);
          } else {
            anomaly("tls.bad_client_hello");
          }
          break;
        case SERVER_HELLO:
          helloSeen = true;
          Optional<ServerHello> server = HelloParser.serverHello(buf, offset, length);
          if (server.isPresent()) {
            serverHello(server.get(), fromClient);
          } else {
            anomaly("tls.bad_server_hello");
          }
          if (tls13) {
            reader.finish();
          }
          break;
        case CERTIFICATE:
          if (!tls13 && !certificateSeen) {
            certificateSeen = true;
            Optional<byte[]> leaf = CertificateParser.leafOfChain(buf, offset, length);
            if (leaf.isPresent()) {
              certificate(leaf.get(), fromClient);
            } else {
              anomaly("tls.bad_certificate");
            }
          }
          break;
        default:
          break;
      }
    }

    @Override
    public void sslv2(byte[] buf, int offset, int length) {
      int type = buf[offset] & 0xFF;
      if (type == 1) {
        helloSeen = true;
        awaitingMasterKey = true;
        HelloParser.sslv2ClientHello(buf, offset, length)
            .ifPresentOrElse(
                h -> clientHello(h, fromClient), () -> anomaly("tls.bad_client_hello"));
      } else if (type == 4) {
        helloSeen = true;
        HelloParser.sslv2ServerHello(buf, offset, length)
            .ifPresentOrElse(
                h -> serverHello(h, fromClient), () -> anomaly("tls.bad_server_hello"));
        reader.finish();
      } else if (type == 2 && length >= 4) {
        awaitingMasterKey = false;
        // CLIENT-MASTER-KEY: the client names the cipher the connection will use, in clear.
        int kind =
            ((buf[offset + 1] & 0xFF) << 16)
                | ((buf[offset + 2] & 0xFF) << 8)
                | (buf[offset + 3] & 0xFF);
        String name = SSL2_CIPHERS.getOrDefault(kind, String.format("0x%06x", kind));
        observe(!fromClient, ObservationFields.TLS_CIPHER, name);
      } else {
        anomaly("tls.bad_sslv2");
      }
    }

    @Override
    public void anomaly(String kind) {
      broken = true;
      flow.anomaly(kind);
    }
  }
}
