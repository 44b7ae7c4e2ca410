package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * A monitor, ventilator or central station sends vital signs to the interface engine as IHE PCD-01
 * ORU^R01 over MLLP; a central station sends one message per bed it watches.
 */
final class VitalsScenario implements Scenario {
  static final VitalsScenario INSTANCE = new VitalsScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.INTERFACE_ENGINE) && owner.model.client().contains(Protocol.HL7);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(Protocol.HL7);
    plan.serving(Role.INTERFACE_ENGINE, owner).speaksAsServer(Protocol.HL7);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice engine = sim.plan.serving(Role.INTERFACE_ENGINE, owner);
    String engineApp = engine.model.hl7().orElseThrow().application();
    int beds = owner.role() == Role.CENTRAL_STATION ? 2 + rnd.nextInt(4) : 1;
    for (int i = 0; i < beds; i++) {
      String id = Exchanges.controlId(rnd);
      String msg = Hl7Messages.vitals(owner, engineApp, conv.now(), id, rnd);
      Exchanges.hl7(sim, conv, owner, engine, msg, "R01", id, "2.6", rnd);
      conv.advance(rnd.nextInt(1_000, 50_000));
    }
  }
}
