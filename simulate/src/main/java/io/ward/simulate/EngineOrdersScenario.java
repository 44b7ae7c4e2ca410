package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * The interface engine pushes messages to devices that listen for HL7: ADT to nurse call, pharmacy
 * orders (RDE^O11) to dispensing cabinets, laboratory orders (OML^O21) to analyzers, radiology
 * orders (ORM^O01) to the PACS.
 */
final class EngineOrdersScenario implements Scenario {
  static final EngineOrdersScenario INSTANCE = new EngineOrdersScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    Role r = owner.role();
    return plan.has(Role.INTERFACE_ENGINE)
        && owner.model.server().contains(Protocol.HL7)
        && owner.model.hl7().isPresent()
        && (r == Role.NURSE_CALL
            || r == Role.DISPENSING_CABINET
            || r == Role.LAB_ANALYZER
            || r == Role.PACS);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsServer(Protocol.HL7);
    plan.serving(Role.INTERFACE_ENGINE, owner).speaksAsClient(Protocol.HL7);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice engine = sim.plan.serving(Role.INTERFACE_ENGINE, owner);
    String to = owner.model.hl7().orElseThrow().application();
    String id = Exchanges.controlId(rnd);
    String msg;
    String trigger;
    switch (owner.role()) {
      case NURSE_CALL:
        trigger = rnd.nextBoolean() ? "A01" : "A08";
        msg = Hl7Messages.adt(engine, to, trigger, conv.now(), id, rnd);
        break;
      case DISPENSING_CABINET:
        trigger = "O11";
        msg = Hl7Messages.pharmacyOrder(engine, to, conv.now(), id, rnd);
        break;
      case PACS:
        trigger = "O01";
        msg = Hl7Messages.imagingOrder(engine, to, conv.now(), id, rnd);
        break;
      default:
        trigger = "O21";
        msg = Hl7Messages.labOrder(engine, to, conv.now(), id, rnd);
        break;
    }
    Exchanges.hl7(sim, conv, engine, owner, msg, trigger, id, "2.5.1", rnd);
  }
}
