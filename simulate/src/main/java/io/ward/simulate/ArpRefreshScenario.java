package io.ward.simulate;

import java.util.SplittableRandom;

/** A device refreshes the ARP entry of its gateway (or the router that of the DNS server). */
final class ArpRefreshScenario implements Scenario {
  static final ArpRefreshScenario INSTANCE = new ArpRefreshScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return owner.role() != Role.ROUTER || plan.has(Role.DOMAIN_CONTROLLER);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {}

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    NetworkPlan plan = sim.plan;
    if (owner.role() == Role.ROUTER) {
      ArpExchange.resolve(
          conv,
          plan.gateway(Zone.SERVERS),
          plan.serving(Role.DOMAIN_CONTROLLER, owner).host(),
          rnd);
    } else {
      ArpExchange.resolve(conv, owner.host(), plan.gateway(owner.zone), rnd);
    }
  }
}
