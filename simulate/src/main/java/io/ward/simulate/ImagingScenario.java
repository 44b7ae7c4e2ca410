package io.ward.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * DICOM traffic (PS3.7, PS3.8): modalities store images to the PACS (C-STORE) and query their
 * worklist (C-FIND MWL); reading stations query the PACS and retrieve studies (C-FIND, C-MOVE),
 * which the PACS delivers on a second association back to the station (C-STORE).
 */
final class ImagingScenario implements Scenario {
  enum Kind {
    STORE,
    WORKLIST,
    QUERY_RETRIEVE
  }

  static final ImagingScenario STORE = new ImagingScenario(Kind.STORE);
  static final ImagingScenario WORKLIST = new ImagingScenario(Kind.WORKLIST);
  static final ImagingScenario QUERY_RETRIEVE = new ImagingScenario(Kind.QUERY_RETRIEVE);

  private final Kind kind;

  private ImagingScenario(Kind kind) {
    this.kind = kind;
  }

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    if (!plan.has(Role.PACS)
        || owner.aeTitle().isEmpty()
        || !owner.model.client().contains(Protocol.DICOM)) {
      return false;
    }
    return kind == Kind.QUERY_RETRIEVE
        ? owner.role() == Role.IMAGING_WORKSTATION && owner.model.server().contains(Protocol.DICOM)
        : owner.role() == Role.MODALITY;
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    PlannedDevice pacs = plan.serving(Role.PACS, owner);
    owner.speaksAsClient(Protocol.DICOM);
    pacs.speaksAsServer(Protocol.DICOM);
    if (kind == Kind.QUERY_RETRIEVE) {
      owner.speaksAsServer(Protocol.DICOM);
      pacs.speaksAsClient(Protocol.DICOM);
    }
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    PlannedDevice pacs = sim.plan.serving(Role.PACS, owner);
    switch (kind) {
      case STORE:
        store(sim, owner, pacs, rnd, conv);
        break;
      case WORKLIST:
        worklist(sim, owner, pacs, rnd, conv);
        break;
      default:
        queryRetrieve(sim, owner, pacs, rnd, conv);
        break;
    }
  }

  static String ae(PlannedDevice d) {
    return d.aeTitle().orElseThrow();
  }

  static String implUid(PlannedDevice d) {
    return d.model.dicom().orElseThrow().implementationClassUid();
  }

  static String implVersion(PlannedDevice d) {
    return d.fill(d.model.dicom().orElseThrow().implementationVersionName());
  }

  /** Opens a connection and an association from {@code scu} to {@code scp}. */
  static TcpFlow associate(
      Simulation sim,
      Conversation conv,
      PlannedDevice scu,
      Host scuHost,
      PlannedDevice scp,
      Host scpHost,
      List<String> syntaxes,
      SplittableRandom rnd) {
    TcpFlow flow = Exchanges.connect(sim, conv, scuHost, scpHost, Site.DICOM, rnd);
    flow.client(
        DicomPdus.associateRq(ae(scp), ae(scu), syntaxes, implUid(scu), implVersion(scu)),
        rnd.nextInt(100, 2_000));
    flow.server(
        DicomPdus.associateAc(ae(scp), ae(scu), syntaxes.size(), implUid(scp), implVersion(scp)),
        rnd.nextInt(300, 5_000));
    return flow;
  }

  static void release(TcpFlow flow, SplittableRandom rnd) {
    flow.client(DicomPdus.releaseRq(), rnd.nextInt(100, 3_000));
    flow.server(DicomPdus.releaseRp(), rnd.nextInt(100, 2_000));
    flow.close(true);
  }

  /** Sends {@code images} C-STOREs on presentation context 1 of an open association. */
  static void storeImages(
      TcpFlow flow,
      PlannedDevice source,
      String sopClass,
      String modality,
      String root,
      int images,
      Conversation conv,
      SplittableRandom rnd) {
    FakePatient p = FakePatient.random(rnd);
    long now = conv.now();
    String study = DicomMessages.uid(source, root, now, 1);
    String series = DicomMessages.uid(source, root, now, 2);
    int rows = 32 << rnd.nextInt(2);
    for (int i = 0; i < images; i++) {
      String instance = DicomMessages.uid(source, root, conv.now(), 10 + i);
      byte[] cmd = DicomMessages.cStoreRq(i + 1, sopClass, instance);
      byte[] data =
          DicomMessages.image(
              sopClass, instance, modality, source, p, study, series, conv.now(), rows, rnd);
      flow.client(DicomPdus.pData(1, cmd, data), rnd.nextInt(1_000, 20_000));
      flow.server(
          DicomPdus.pData(1, true, DicomMessages.cStoreRsp(i + 1, sopClass, instance)),
          rnd.nextInt(1_000, 30_000));
    }
  }

  private static void store(
      Simulation sim,
      PlannedDevice m,
      PlannedDevice pacs,
      SplittableRandom rnd,
      Conversation conv) {
    DeviceModel.Dicom d = m.model.dicom().orElseThrow();
    String sop = d.sopClassUid().orElseThrow();
    TcpFlow flow = associate(sim, conv, m, m.host(), pacs, pacs.host(), List.of(sop), rnd);
    storeImages(
        flow,
        m,
        sop,
        d.modality().orElseThrow(),
        d.implementationClassUid(),
        1 + rnd.nextInt(3),
        conv,
        rnd);
    release(flow, rnd);
  }

  private static void worklist(
      Simulation sim,
      PlannedDevice m,
      PlannedDevice pacs,
      SplittableRandom rnd,
      Conversation conv) {
    String modality = m.model.dicom().orElseThrow().modality().orElseThrow();
    TcpFlow flow =
        associate(sim, conv, m, m.host(), pacs, pacs.host(), List.of(DicomMessages.MWL_FIND), rnd);
    flow.client(
        DicomPdus.pData(1, true, DicomMessages.cFindRq(1, DicomMessages.MWL_FIND)),
        rnd.nextInt(100, 2_000));
    flow.client(
        DicomPdus.pData(1, false, DicomMessages.worklistQuery(modality, ae(m), conv.now())), 20);
    int items = rnd.nextInt(4);
    for (int i = 0; i < items; i++) {
      FakePatient p = FakePatient.random(rnd);
      String study = DicomMessages.uid(pacs, implUid(pacs), conv.now(), 100 + i);
      byte[] cmd = DicomMessages.cFindRsp(1, DicomMessages.MWL_FIND, DicomMessages.PENDING);
      byte[] item =
          DicomMessages.worklistItem(
              modality, ae(m), conv.now(), p, "ACC" + (100000 + rnd.nextInt(900000)), study);
      flow.server(DicomPdus.pData(1, cmd, item), rnd.nextInt(2_000, 30_000));
    }
    flow.server(
        DicomPdus.pData(
            1, true, DicomMessages.cFindRsp(1, DicomMessages.MWL_FIND, DicomMessages.SUCCESS)),
        rnd.nextInt(500, 5_000));
    release(flow, rnd);
  }

  private static void queryRetrieve(
      Simulation sim,
      PlannedDevice ws,
      PlannedDevice pacs,
      SplittableRandom rnd,
      Conversation conv) {
    List<String> syntaxes = List.of(DicomMessages.STUDY_ROOT_FIND, DicomMessages.STUDY_ROOT_MOVE);
    TcpFlow flow = associate(sim, conv, ws, ws.host(), pacs, pacs.host(), syntaxes, rnd);
    FakePatient p = FakePatient.random(rnd);
    flow.client(
        DicomPdus.pData(1, true, DicomMessages.cFindRq(1, DicomMessages.STUDY_ROOT_FIND)),
        rnd.nextInt(100, 2_000));
    flow.client(DicomPdus.pData(1, false, DicomMessages.studyQuery(p.mrn())), 20);
    String study = DicomMessages.uid(pacs, implUid(pacs), conv.now(), 7);
    byte[] pending =
        DicomMessages.cFindRsp(1, DicomMessages.STUDY_ROOT_FIND, DicomMessages.PENDING);
    flow.server(
        DicomPdus.pData(1, pending, DicomMessages.studyResult(p, study, conv.now())),
        rnd.nextInt(5_000, 80_000));
    flow.server(
        DicomPdus.pData(
            1,
            true,
            DicomMessages.cFindRsp(1, DicomMessages.STUDY_ROOT_FIND, DicomMessages.SUCCESS)),
        200);
    flow.client(
        DicomPdus.pData(3, true, DicomMessages.cMoveRq(2, ae(ws))),
        rnd.nextInt(200_000, 2_000_000));
    flow.client(DicomPdus.pData(3, false, DicomMessages.moveIdentifier(study)), 20);
    conv.advance(rnd.nextInt(5_000, 50_000));
    int images = 1 + rnd.nextInt(3);
    PlannedDevice source = sourceModality(sim.plan, pacs, rnd);
    DeviceModel.Dicom sd = source.model.dicom().orElseThrow();
    String sop = sd.sopClassUid().orElse(DicomMessages.CT_STORAGE);
    TcpFlow push = associate(sim, conv, pacs, pacs.host(), ws, ws.host(), List.of(sop), rnd);
    storeImages(
        push,
        source,
        sop,
        sd.modality().orElse("CT"),
        sd.implementationClassUid(),
        images,
        conv,
        rnd);
    release(push, rnd);
    flow.server(
        DicomPdus.pData(3, true, DicomMessages.cMoveRsp(2, images)), rnd.nextInt(1_000, 10_000));
    release(flow, rnd);
  }

  private static PlannedDevice sourceModality(
      NetworkPlan plan, PlannedDevice pacs, SplittableRandom rnd) {
    int[] modalities = plan.withRole(Role.MODALITY);
    return modalities.length == 0 ? pacs : plan.device(modalities[rnd.nextInt(modalities.length)]);
  }
}
