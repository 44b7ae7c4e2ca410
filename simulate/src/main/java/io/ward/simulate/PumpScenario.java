package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * Infusion pumps report status to the infusion management server; that server forwards observations
 * to the interface engine (IHE PCD-01 in both hops).
 */
final class PumpScenario implements Scenario {
  static final PumpScenario PUMP = new PumpScenario(false);
  static final PumpScenario FORWARD = new PumpScenario(true);

  private final boolean forward;

  private PumpScenario(boolean forward) {
    this.forward = forward;
  }

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    if (forward) {
      return owner.role() == Role.PUMP_SERVER
          && plan.has(Role.INTERFACE_ENGINE)
          && plan.has(Role.INFUSION_PUMP);
    }
    return plan.has(Role.PUMP_SERVER) && owner.model.client().contains(Protocol.HL7);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(Protocol.HL7);
    Role peer = forward ? Role.INTERFACE_ENGINE : Role.PUMP_SERVER;
    plan.serving(peer, owner).speaksAsServer(Protocol.HL7);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    String id = Exchanges.controlId(rnd);
    if (forward) {
      PlannedDevice engine = sim.plan.serving(Role.INTERFACE_ENGINE, owner);
      int[] pumps = sim.plan.withRole(Role.INFUSION_PUMP);
      PlannedDevice pump = sim.plan.device(pumps[rnd.nextInt(pumps.length)]);
      String msg =
          Hl7Messages.forwardedPumpStatus(
              owner, pump, engine.model.hl7().orElseThrow().application(), conv.now(), id, rnd);
      Exchanges.hl7(sim, conv, owner, engine, msg, "R01", id, "2.6", rnd);
    } else {
      PlannedDevice server = sim.plan.serving(Role.PUMP_SERVER, owner);
      String msg =
          Hl7Messages.pumpStatus(
              owner, server.model.hl7().orElseThrow().application(), conv.now(), id, rnd);
      Exchanges.hl7(sim, conv, owner, server, msg, "R01", id, "2.6", rnd);
    }
  }
}
