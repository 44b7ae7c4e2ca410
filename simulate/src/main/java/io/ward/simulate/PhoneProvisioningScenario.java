package io.ward.simulate;

import java.util.SplittableRandom;

/** An IP phone fetches its configuration file from the provisioning (web) server over HTTP. */
final class PhoneProvisioningScenario implements Scenario {
  static final PhoneProvisioningScenario INSTANCE = new PhoneProvisioningScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.WEB_SERVER) && owner.model.client().contains(Protocol.HTTP);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(Protocol.HTTP);
    owner.speaksAsClient(Protocol.DNS);
    PlannedDevice web = plan.serving(Role.WEB_SERVER, owner);
    web.speaksAsServer(Protocol.HTTP);
    web.resolvedByDns();
    plan.serving(Role.DOMAIN_CONTROLLER, owner).speaksAsServer(Protocol.DNS);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice web = sim.plan.serving(Role.WEB_SERVER, owner);
    if (Exchanges.lookUp(occurrence, rnd)) {
      Exchanges.dns(sim, conv, owner, web.fqdn(), web.ip, rnd);
    }
    String file =
        owner.model.vendor().equals("Cisco")
            ? "/phones/SEP" + String.format("%012X", owner.mac) + ".cnf.xml"
            : "/phones/" + String.format("%012x", owner.mac) + ".cfg";
    TcpFlow flow = Exchanges.connect(sim, conv, owner.host(), web.host(), Site.HTTP, rnd);
    flow.client(
        HttpMessages.get(web.fqdn(), file, owner.fill(owner.model.userAgent().orElseThrow())),
        rnd.nextInt(100, 800));
    String xml =
        "<?xml version=\"1.0\"?><device><hostname>"
            + owner.hostname
            + "</hostname>"
            + "<sip registrar=\"sip."
            + Site.DOMAIN
            + "\"/></device>";
    flow.server(
        HttpMessages.response(
            200, "OK", web.fill(web.model.httpServer().orElseThrow()), "text/xml", xml, conv.now()),
        rnd.nextInt(1_000, 20_000));
    flow.close(false); // "Connection: close": the server closes (RFC 9112 section 9.6)
  }
}
