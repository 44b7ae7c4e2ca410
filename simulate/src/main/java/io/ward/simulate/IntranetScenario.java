package io.ward.simulate;

import java.util.SplittableRandom;

/** A workstation opens a page of the intranet (HTTP to an internal web server). */
final class IntranetScenario implements Scenario {
  static final IntranetScenario INSTANCE = new IntranetScenario();
  private static final String[] PATHS = {
    "/",
    "/oncall/schedule.aspx",
    "/policies/index.html",
    "/lab/reference-ranges",
    "/pharmacy/formulary",
    "/it/status"
  };

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.WEB_SERVER)
        && owner.model.client().contains(Protocol.HTTP)
        && owner.model.client().contains(Protocol.DNS);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    PlannedDevice web = plan.serving(Role.WEB_SERVER, owner);
    owner.speaksAsClient(Protocol.HTTP);
    owner.speaksAsClient(Protocol.DNS);
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
    TcpFlow flow = Exchanges.connect(sim, conv, owner.host(), web.host(), Site.HTTP, rnd);
    String path = PATHS[rnd.nextInt(PATHS.length)];
    flow.client(
        HttpMessages.get(web.fqdn(), path, owner.fill(owner.model.userAgent().orElseThrow())),
        rnd.nextInt(100, 800));
    String body = HttpMessages.page("St Eligius Intranet - " + path, 400 + rnd.nextInt(5_000));
    flow.server(
        HttpMessages.response(
            200,
            "OK",
            web.fill(web.model.httpServer().orElseThrow()),
            "text/html; charset=utf-8",
            body,
            conv.now()),
        rnd.nextInt(2_000, 40_000));
    flow.close(false); // "Connection: close": the server closes (RFC 9112 section 9.6)
  }
}
