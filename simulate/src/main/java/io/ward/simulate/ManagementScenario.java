package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * How a device is managed: the network management station polls it over SNMPv2c, and clinical
 * engineering opens its web page, logs in over Telnet or fetches logs over FTP, all in clear, with
 * fake credentials.
 */
final class ManagementScenario implements Scenario {
  enum Kind {
    SNMP,
    WEB,
    TELNET,
    FTP
  }

  static final ManagementScenario SNMP = new ManagementScenario(Kind.SNMP);
  static final ManagementScenario WEB = new ManagementScenario(Kind.WEB);
  static final ManagementScenario TELNET = new ManagementScenario(Kind.TELNET);
  static final ManagementScenario FTP = new ManagementScenario(Kind.FTP);

  private final Kind kind;

  private ManagementScenario(Kind kind) {
    this.kind = kind;
  }

  private Protocol protocol() {
    switch (kind) {
      case SNMP:
        return Protocol.SNMP;
      case WEB:
        return Protocol.HTTP;
      case TELNET:
        return Protocol.TELNET;
      default:
        return Protocol.FTP;
    }
  }

  private Role manager() {
    return kind == Kind.SNMP ? Role.NMS : Role.BIOMED_WORKSTATION;
  }

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(manager())
        && owner.model.server().contains(protocol())
        && (kind != Kind.WEB || owner.role() != Role.WEB_SERVER);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsServer(protocol());
    plan.serving(manager(), owner).speaksAsClient(protocol());
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice mgr = sim.plan.serving(manager(), owner);
    Host target = owner.role() == Role.ROUTER ? sim.plan.gateway(mgr.zone) : owner.host();
    switch (kind) {
      case SNMP:
        snmp(sim, mgr, owner, target, rnd, conv);
        break;
      case WEB:
        web(sim, mgr, owner, target, rnd, conv);
        break;
      case TELNET:
        telnet(sim, mgr, owner, target, rnd, conv);
        break;
      default:
        ftp(sim, mgr, owner, target, rnd, conv);
        break;
    }
  }

  private static void snmp(
      Simulation sim,
      PlannedDevice nms,
      PlannedDevice agent,
      Host target,
      SplittableRandom rnd,
      Conversation conv) {
    int id = rnd.nextInt(1 << 30);
    int port = sim.ephemeralPort(nms.index, rnd);
    conv.add(
        sim.frames.udp(
            nms.host(),
            target,
            port,
            Site.SNMP,
            rnd.nextInt(1 << 16),
            SnmpMessages.get("public", id)),
        nms.index,
        agent.index);
    conv.advance(TcpFlow.latency(nms.host(), target, rnd) + rnd.nextInt(200, 20_000));
    byte[] response =
        SnmpMessages.response(
            "public", id, agent.fill(agent.model.snmpSysDescr().orElseThrow()), agent.hostname);
    conv.add(
        sim.frames.udp(target, nms.host(), Site.SNMP, port, rnd.nextInt(1 << 16), response),
        agent.index,
        nms.index);
  }

  private static void web(
      Simulation sim,
      PlannedDevice ws,
      PlannedDevice device,
      Host target,
      SplittableRandom rnd,
      Conversation conv) {
    TcpFlow flow = Exchanges.connect(sim, conv, ws.host(), target, Site.HTTP, rnd);
    String host = Host.ipString(target.ip());
    flow.client(
        HttpMessages.get(host, "/", ws.fill(ws.model.userAgent().orElseThrow())),
        rnd.nextInt(100, 1_000));
    String body =
        HttpMessages.page(
            device.model.vendor() + " " + device.model.model() + " - " + device.hostname,
            600 + rnd.nextInt(3_000));
    flow.server(
        HttpMessages.response(
            200,
            "OK",
            device.fill(device.model.httpServer().orElseThrow()),
            "text/html",
            body,
            conv.now()),
        rnd.nextInt(2_000, 80_000));
    flow.close(false);
  }

  private static void telnet(
      Simulation sim,
      PlannedDevice ws,
      PlannedDevice device,
      Host target,
      SplittableRandom rnd,
      Conversation conv) {
    TcpFlow flow = Exchanges.connect(sim, conv, ws.host(), target, Site.TELNET, rnd);
    flow.server(CleartextLogins.telnetServerOptions(), rnd.nextInt(1_000, 20_000));
    flow.client(CleartextLogins.telnetClientOptions(), rnd.nextInt(100, 1_000));
    flow.server(
        CleartextLogins.telnetBanner(device.fill(device.model.telnetBanner().orElseThrow())),
        rnd.nextInt(1_000, 50_000));
    flow.client(CleartextLogins.line("biomed"), rnd.nextInt(1_000_000, 3_000_000));
    flow.server(Bytes.text("biomed\r\nPassword: "), rnd.nextInt(1_000, 10_000));
    flow.client(CleartextLogins.line("Fake-Pass-01"), rnd.nextInt(1_000_000, 3_000_000));
    flow.server(Bytes.text("\r\n" + device.hostname + "> "), rnd.nextInt(50_000, 500_000));
    flow.client(CleartextLogins.line("show version"), rnd.nextInt(1_000_000, 5_000_000));
    flow.server(
        Bytes.text(
            "show version\r\n"
                + device.model.model()
                + " "
                + device.firmware
                + "\r\n"
                + device.hostname
                + "> "),
        rnd.nextInt(10_000, 100_000));
    flow.client(CleartextLogins.line("exit"), rnd.nextInt(1_000_000, 4_000_000));
    flow.close(false);
  }

  private static void ftp(
      Simulation sim,
      PlannedDevice ws,
      PlannedDevice device,
      Host target,
      SplittableRandom rnd,
      Conversation conv) {
    TcpFlow flow = Exchanges.connect(sim, conv, ws.host(), target, Site.FTP, rnd);
    flow.server(
        Bytes.text(device.fill(device.model.ftpBanner().orElseThrow()) + "\r\n"),
        rnd.nextInt(1_000, 30_000));
    flow.client(CleartextLogins.line("USER biomed"), rnd.nextInt(300_000, 2_000_000));
    flow.server(
        CleartextLogins.ftpReply(331, "Please specify the password."), rnd.nextInt(500, 5_000));
    flow.client(CleartextLogins.line("PASS Fake-Pass-01"), rnd.nextInt(300_000, 2_000_000));
    flow.server(CleartextLogins.ftpReply(230, "Login successful."), rnd.nextInt(5_000, 200_000));
    flow.client(CleartextLogins.line("SYST"), rnd.nextInt(10_000, 500_000));
    flow.server(CleartextLogins.ftpReply(215, "UNIX Type: L8"), rnd.nextInt(500, 5_000));
    flow.client(CleartextLogins.line("QUIT"), rnd.nextInt(100_000, 2_000_000));
    flow.server(CleartextLogins.ftpReply(221, "Goodbye."), rnd.nextInt(500, 5_000));
    flow.close(false);
  }
}
