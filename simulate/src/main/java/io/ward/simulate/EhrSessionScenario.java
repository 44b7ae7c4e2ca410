package io.ward.simulate;

import java.util.SplittableRandom;

/** A workstation or dispensing cabinet talks to the EHR over TLS (1.2: the EHR's stack's limit). */
final class EhrSessionScenario implements Scenario {
  static final EhrSessionScenario INSTANCE = new EhrSessionScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.EHR)
        && owner.model.client().contains(Protocol.TLS)
        && owner.model.client().contains(Protocol.DNS);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    PlannedDevice ehr = plan.serving(Role.EHR, owner);
    owner.speaksAsClient(Protocol.TLS);
    owner.speaksAsClient(Protocol.DNS);
    ehr.speaksAsServer(Protocol.TLS);
    ehr.resolvedByDns();
    plan.serving(Role.DOMAIN_CONTROLLER, owner).speaksAsServer(Protocol.DNS);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice ehr = sim.plan.serving(Role.EHR, owner);
    if (Exchanges.lookUp(occurrence, rnd)) {
      Exchanges.dns(sim, conv, owner, ehr.fqdn(), ehr.ip, rnd);
    }
    Exchanges.tls(
        sim,
        conv,
        owner.host(),
        ehr.host(),
        ehr.fqdn(),
        TlsMessages.Client.of(owner.model),
        false,
        true,
        300 + rnd.nextInt(1_200),
        1_000 + rnd.nextInt(12_000),
        rnd);
  }
}
