package io.ward.simulate;

import java.util.SplittableRandom;

/** Building blocks several scenarios share: a DNS lookup, a TCP connection, an HL7 delivery. */
final class Exchanges {
  private Exchanges() {}

  /** {@code client} asks its DNS server for {@code name}, which answers {@code ip}. */
  static void dns(
      Simulation sim,
      Conversation conv,
      PlannedDevice client,
      String name,
      int ip,
      SplittableRandom rnd) {
    PlannedDevice dc = sim.plan.serving(Role.DOMAIN_CONTROLLER, client);
    int id = rnd.nextInt(1 << 16);
    int port = sim.ephemeralPort(client.index, rnd);
    conv.add(
        sim.frames.udp(
            client.host(),
            dc.host(),
            port,
            Site.DNS,
            rnd.nextInt(1 << 16),
            DnsMessages.query(id, name, DnsMessages.TYPE_A)),
        client.index,
        dc.index);
    conv.advance(TcpFlow.latency(client.host(), dc.host(), rnd) + rnd.nextInt(50, 1_500));
    conv.add(
        sim.frames.udp(
            dc.host(),
            client.host(),
            Site.DNS,
            port,
            rnd.nextInt(1 << 16),
            DnsMessages.answerA(id, name, ip, 3600)),
        dc.index,
        client.index);
    conv.advance(rnd.nextInt(100, 3_000));
  }

  /** Whether a client that caches names looks one up this time (always the first time). */
  static boolean lookUp(int occurrence, SplittableRandom rnd) {
    return occurrence == 0 || rnd.nextInt(4) == 0;
  }

  /** An open TCP connection from an ephemeral port. */
  static TcpFlow connect(
      Simulation sim,
      Conversation conv,
      Host client,
      Host server,
      int serverPort,
      SplittableRandom rnd) {
    return new TcpFlow(
            conv,
            sim.frames,
            client,
            sim.ephemeralPort(client.device(), rnd),
            server,
            serverPort,
            rnd)
        .open();
  }

  /** One HL7 message over MLLP, acknowledged, on its own connection. */
  static void hl7(
      Simulation sim,
      Conversation conv,
      PlannedDevice sender,
      PlannedDevice receiver,
      String message,
      String trigger,
      String controlId,
      String version,
      SplittableRandom rnd) {
    TcpFlow flow = connect(sim, conv, sender.host(), receiver.host(), Site.MLLP, rnd);
    flow.client(Hl7Messages.mllp(message), rnd.nextInt(100, 2_000));
    String ack =
        Hl7Messages.ack(
            receiver.model.hl7().map(DeviceModel.Hl7::application).orElse("ACK"),
            sender.model.hl7().map(DeviceModel.Hl7::application).orElse(""),
            Hl7Messages.software(receiver),
            trigger,
            conv.now(),
            "ACK" + controlId,
            controlId,
            version);
    flow.server(Hl7Messages.mllp(ack), rnd.nextInt(1_000, 30_000));
    flow.close(true);
  }

  static String controlId(SplittableRandom rnd) {
    return Long.toString(1_000_000_000L + rnd.nextLong(9_000_000_000L));
  }

  /**
   * A TLS session: handshake, one request and one response of the given sizes, orderly close. The
   * server speaks TLS 1.3 when both sides can, else TLS 1.2 with its certificate in clear.
   */
  static void tls(
      Simulation sim,
      Conversation conv,
      Host client,
      Host server,
      String sni,
      TlsMessages.Client stack,
      boolean server13,
      boolean internal,
      int requestBytes,
      int responseBytes,
      SplittableRandom rnd) {
    TcpFlow flow = connect(sim, conv, client, server, Site.HTTPS, rnd);
    flow.client(TlsMessages.clientHello(sni, stack, rnd), rnd.nextInt(50, 500));
    if (stack.tls13 && server13) {
      flow.server(
          TlsMessages.serverHello13(rnd, 2_400 + rnd.nextInt(1_500)), rnd.nextInt(300, 3_000));
      flow.client(TlsMessages.clientFinish13(rnd), rnd.nextInt(200, 2_000));
      flow.client(TlsMessages.applicationData(rnd, requestBytes), rnd.nextInt(10, 200));
    } else {
      byte[] cert = sim.certificates.forName(sni, internal);
      int cipher =
          rnd.nextBoolean()
              ? TlsMessages.ECDHE_RSA_AES256_GCM_SHA384
              : TlsMessages.ECDHE_RSA_AES128_GCM_SHA256;
      flow.server(TlsMessages.serverHello12(rnd, cipher, cert), rnd.nextInt(300, 3_000));
      flow.client(TlsMessages.clientFinish12(rnd), rnd.nextInt(500, 3_000));
      flow.server(TlsMessages.serverFinish12(rnd), rnd.nextInt(200, 1_500));
      flow.client(TlsMessages.applicationData(rnd, requestBytes), rnd.nextInt(50, 500));
    }
    flow.server(TlsMessages.applicationData(rnd, responseBytes), rnd.nextInt(2_000, 60_000));
    flow.close(true);
  }
}
