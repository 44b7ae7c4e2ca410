package io.ward.simulate;

import java.util.SplittableRandom;

/** The EHR sends admissions, transfers and updates (ADT) to the interface engine. */
final class AdtFeedScenario implements Scenario {
  static final AdtFeedScenario INSTANCE = new AdtFeedScenario();
  private static final String[] EVENTS = {"A01", "A08", "A08", "A08", "A02", "A03", "A04"};

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return owner.role() == Role.EHR && plan.has(Role.INTERFACE_ENGINE);
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
    String event = EVENTS[rnd.nextInt(EVENTS.length)];
    String id = Exchanges.controlId(rnd);
    String msg =
        Hl7Messages.adt(
            owner, engine.model.hl7().orElseThrow().application(), event, conv.now(), id, rnd);
    Exchanges.hl7(sim, conv, owner, engine, msg, event, id, "2.5.1", rnd);
  }
}
