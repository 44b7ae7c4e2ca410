package io.ward.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Laboratory devices report to the laboratory middleware: analyzers upload results in ASTM E1394
 * records over the E1381 low-level protocol; point-of-care devices hold a POCT1-A conversation
 * (hello, status, observations, end of topic, terminate), each message acknowledged.
 */
final class LabScenario implements Scenario {
  static final LabScenario ASTM = new LabScenario(Protocol.ASTM);
  static final LabScenario POCT = new LabScenario(Protocol.POCT1A);

  private final Protocol protocol;

  private LabScenario(Protocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.LAB_MIDDLEWARE) && owner.model.client().contains(protocol);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(protocol);
    plan.serving(Role.LAB_MIDDLEWARE, owner).speaksAsServer(protocol);
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice mw = sim.plan.serving(Role.LAB_MIDDLEWARE, owner);
    if (protocol == Protocol.ASTM) {
      astm(sim, owner, mw, rnd, conv);
    } else {
      poct(sim, owner, mw, rnd, conv);
    }
  }

  private static void astm(
      Simulation sim,
      PlannedDevice owner,
      PlannedDevice mw,
      SplittableRandom rnd,
      Conversation conv) {
    TcpFlow flow = Exchanges.connect(sim, conv, owner.host(), mw.host(), Site.ASTM, rnd);
    byte[] ack = {AstmMessages.ACK};
    flow.client(new byte[] {AstmMessages.ENQ}, rnd.nextInt(100, 2_000));
    flow.server(ack, rnd.nextInt(300, 5_000));
    List<String> records = AstmMessages.results(owner, conv.now(), rnd);
    for (int i = 0; i < records.size(); i++) {
      flow.client(AstmMessages.frame(i + 1, records.get(i)), rnd.nextInt(200, 5_000));
      flow.server(ack, rnd.nextInt(300, 5_000));
    }
    flow.client(new byte[] {AstmMessages.EOT}, rnd.nextInt(200, 3_000));
    flow.close(true);
  }

  private static void poct(
      Simulation sim,
      PlannedDevice owner,
      PlannedDevice mw,
      SplittableRandom rnd,
      Conversation conv) {
    TcpFlow flow = Exchanges.connect(sim, conv, owner.host(), mw.host(), Site.POCT1A, rnd);
    int device = 1;
    int manager = 1;
    flow.client(Poct1aMessages.hello(owner, device, conv.now()), rnd.nextInt(500, 5_000));
    flow.server(Poct1aMessages.ack(manager++, device++, conv.now()), rnd.nextInt(1_000, 20_000));
    int observations = 1 + rnd.nextInt(2);
    flow.client(Poct1aMessages.status(device, conv.now(), observations), rnd.nextInt(500, 5_000));
    flow.server(Poct1aMessages.ack(manager++, device++, conv.now()), rnd.nextInt(1_000, 20_000));
    for (int i = 0; i < observations; i++) {
      flow.client(Poct1aMessages.observation(device, conv.now(), rnd), rnd.nextInt(500, 5_000));
      flow.server(Poct1aMessages.ack(manager++, device++, conv.now()), rnd.nextInt(1_000, 20_000));
    }
    flow.client(Poct1aMessages.endOfTopic(device, conv.now()), rnd.nextInt(500, 5_000));
    flow.server(Poct1aMessages.ack(manager++, device++, conv.now()), rnd.nextInt(1_000, 20_000));
    flow.server(Poct1aMessages.end(manager, conv.now()), rnd.nextInt(1_000, 10_000));
    flow.client(Poct1aMessages.ack(device, manager, conv.now()), rnd.nextInt(500, 5_000));
    flow.close(false);
  }
}
