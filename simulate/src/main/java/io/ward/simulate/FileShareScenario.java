package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * A Windows client opens an SMB session to a file server. Windows 10 starts with SMB2 NEGOTIATE;
 * Windows 7 starts with an SMB1 multi-protocol NEGOTIATE that the server answers with the SMB2
 * wildcard dialect 0x02FF before the SMB2 NEGOTIATE (MS-SMB2 section 3.3.5.3.1).
 */
final class FileShareScenario implements Scenario {
  static final FileShareScenario INSTANCE = new FileShareScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.FILE_SERVER) && owner.model.client().contains(Protocol.SMB);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(Protocol.SMB);
    plan.serving(Role.FILE_SERVER, owner).speaksAsServer(Protocol.SMB);
  }

  static boolean legacy(PlannedDevice d) {
    return d.model.os().orElse("").startsWith("Windows 7");
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice fs = sim.plan.serving(Role.FILE_SERVER, owner);
    byte[] serverGuid = Certificates.random(new SplittableRandom(fs.mac), 16);
    TcpFlow flow = Exchanges.connect(sim, conv, owner.host(), fs.host(), Site.SMB, rnd);
    long mid = 0;
    if (legacy(owner)) {
      flow.client(
          Smb1Messages.negotiateRequest(
              Smb1Messages.WINDOWS7_DIALECTS, true, new Smb1Messages.Ids(0, 0xFEFF, 0, 0)),
          rnd.nextInt(50, 500));
      flow.server(
          Smb2Messages.negotiateResponse(0, Smb2Messages.SMB_2_WILDCARD, serverGuid, conv.now()),
          rnd.nextInt(200, 2_000));
      mid = 1;
      flow.client(
          Smb2Messages.negotiateRequest(
              mid, new int[] {Smb2Messages.SMB_2_0_2, Smb2Messages.SMB_2_1}, rnd),
          rnd.nextInt(50, 500));
      flow.server(
          Smb2Messages.negotiateResponse(mid, Smb2Messages.SMB_2_1, serverGuid, conv.now()),
          rnd.nextInt(200, 2_000));
    } else {
      int[] dialects = {
        Smb2Messages.SMB_2_0_2, Smb2Messages.SMB_2_1, Smb2Messages.SMB_3_0, Smb2Messages.SMB_3_0_2
      };
      flow.client(Smb2Messages.negotiateRequest(mid, dialects, rnd), rnd.nextInt(50, 500));
      flow.server(
          Smb2Messages.negotiateResponse(mid, Smb2Messages.SMB_3_0_2, serverGuid, conv.now()),
          rnd.nextInt(200, 2_000));
    }
    flow.close(true);
  }
}
