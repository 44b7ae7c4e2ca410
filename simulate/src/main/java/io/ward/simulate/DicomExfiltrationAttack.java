package io.ward.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A compromised workstation pulls studies from the PACS (C-FIND, C-MOVE to itself) and pushes the
 * images to a DICOM service on the internet (C-STORE to port 104 beyond the router).
 */
final class DicomExfiltrationAttack implements Attack {
  private static final int STUDIES = 5;
  private static final String ATTACKER_AE = "STORESCU";
  private static final String REMOTE_AE = "ARCHIVE";
  private static final String DCMTK_UID = "1.2.276.0.7230010.3.0.3.6.7";
  private static final String DCMTK_VERSION = "OFFIS_DCMTK_367";

  private PlannedDevice attacker;
  private PlannedDevice pacs;
  private int id;

  @Override
  public String name() {
    return "dicom-exfiltration";
  }

  @Override
  public void prepare(NetworkPlan plan, AttackLog log, SplittableRandom rnd) {
    attacker = Attack.pickWorkstation(plan, rnd, -1);
    pacs = plan.serving(Role.PACS, attacker);
    if (attacker.aeTitle().isEmpty()) {
      attacker.aeTitle(ATTACKER_AE);
    }
    attacker.speaksAsClient(Protocol.DICOM);
    attacker.speaksAsServer(Protocol.DICOM);
    pacs.speaksAsServer(Protocol.DICOM);
    pacs.speaksAsClient(Protocol.DICOM);
    id =
        log.register(
            name(), attacker.index, List.of(pacs.index), List.of(Host.ipString(Site.EXFIL.ip())));
  }

  @Override
  public void schedule(Simulation sim, long startMicros, long spanMicros) {
    SplittableRandom rnd = sim.random(0xD1C0, attacker.index);
    sim.schedule(
        new RepeatTask((s, n, at) -> study(s, n, at, rnd), STUDIES, spanMicros / STUDIES),
        startMicros);
  }

  private void study(Simulation sim, int n, long at, SplittableRandom rnd) {
    Conversation c = new Conversation(at, id);
    String pacsAe = ImagingScenario.ae(pacs);
    List<String> qr = List.of(DicomMessages.STUDY_ROOT_FIND, DicomMessages.STUDY_ROOT_MOVE);
    TcpFlow flow = Exchanges.connect(sim, c, attacker.host(), pacs.host(), Site.DICOM, rnd);
    flow.client(DicomPdus.associateRq(pacsAe, ATTACKER_AE, qr, DCMTK_UID, DCMTK_VERSION), 500);
    flow.server(
        DicomPdus.associateAc(
            pacsAe,
            ATTACKER_AE,
            2,
            ImagingScenario.implUid(pacs),
            ImagingScenario.implVersion(pacs)),
        rnd.nextInt(300, 3_000));
    FakePatient p = FakePatient.random(rnd);
    String study = DicomMessages.uid(pacs, ImagingScenario.implUid(pacs), c.now(), 900 + n);
    flow.client(DicomPdus.pData(3, true, DicomMessages.cMoveRq(1, ATTACKER_AE)), 500);
    flow.client(DicomPdus.pData(3, false, DicomMessages.moveIdentifier(study)), 20);
    c.advance(rnd.nextInt(5_000, 30_000));
    int images = 4 + rnd.nextInt(4);
    TcpFlow push = Exchanges.connect(sim, c, pacs.host(), attacker.host(), Site.DICOM, rnd);
    push.client(
        DicomPdus.associateRq(
            ATTACKER_AE,
            pacsAe,
            List.of(DicomMessages.CT_STORAGE),
            ImagingScenario.implUid(pacs),
            ImagingScenario.implVersion(pacs)),
        500);
    push.server(DicomPdus.associateAc(ATTACKER_AE, pacsAe, 1, DCMTK_UID, DCMTK_VERSION), 300);
    ImagingScenario.storeImages(
        push, pacs, DicomMessages.CT_STORAGE, "CT", ImagingScenario.implUid(pacs), images, c, rnd);
    ImagingScenario.release(push, rnd);
    flow.server(DicomPdus.pData(3, true, DicomMessages.cMoveRsp(1, images)), 2_000);
    ImagingScenario.release(flow, rnd);
    Host remote = Host.remote(sim.plan.router().mac, sim.plan.router().index, Site.EXFIL.ip());
    TcpFlow out = Exchanges.connect(sim, c, attacker.host(), remote, Site.DICOM, rnd);
    out.client(
        DicomPdus.associateRq(
            REMOTE_AE, ATTACKER_AE, List.of(DicomMessages.CT_STORAGE), DCMTK_UID, DCMTK_VERSION),
        1_000);
    out.server(DicomPdus.associateAc(REMOTE_AE, ATTACKER_AE, 1, DCMTK_UID, DCMTK_VERSION), 2_000);
    ImagingScenario.storeImages(
        out, pacs, DicomMessages.CT_STORAGE, "CT", ImagingScenario.implUid(pacs), images, c, rnd);
    ImagingScenario.release(out, rnd);
    c.start(sim);
  }
}
