package io.ward.capture.dissect.dicom;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.capture.dissect.SideFact;
import io.ward.capture.dissect.dicom.DicomPdus.Associate;
import io.ward.capture.dissect.dicom.DicomPdus.Command;
import io.ward.capture.dissect.dicom.DicomPdus.PresentationContext;
import io.ward.capture.dissect.dicom.DicomPdus.Reject;
import io.ward.model.ObservationFields;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One DICOM association. The requestor is whoever sent A-ASSOCIATE-RQ; AE titles, implementation
 * identity and SOP classes are attributed to the side they describe. Stops after {@link
 * #MAX_COMMANDS} DIMSE commands or at release/abort, so bulk image transfer is not delivered.
 */
final class DicomSession implements DissectorSession {

  /** Commands read before the session stops asking for payload. */
  static final int MAX_COMMANDS = 16;

  private static final int MAX_DISTINCT_FACTS = 512;

  private final FlowContext flow;
  private final PduReader fromClientReader = new PduReader();
  private final PduReader fromServerReader = new PduReader();
  private final Set<SideFact> emitted = new HashSet<>();

  /** One fact, for the once-per-flow check (not a joined string: no text per fact). */

  /** Abstract syntax by presentation context id, as proposed in the RQ. */
  private final Map<Integer, String> proposed = new LinkedHashMap<>();

  private boolean requestorIsClient = true;
  private long requestNanos;
  private boolean accepted;
  private boolean done;
  private int commands;

  DicomSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (done) {
      return false;
    }
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("dicom.bad_call");
      return true;
    }
    PduReader reader = fromClient ? fromClientReader : fromServerReader;
    reader.feed(
        buf,
        offset,
        length,
        new PduReader.Handler() {
          @Override
          public void pdu(int type, byte[] body, int size) {
            onPdu(fromClient, epochNanos, type, body, size);
          }

          @Override
          public void command(int contextId, byte[] bytes, int size) {
            onCommand(fromClient, epochNanos, bytes, size);
          }

          @Override
          public void anomaly(String kind) {
            flow.anomaly(kind);
          }
        });
    if (fromClientReader.dead() && fromServerReader.dead()) {
      done = true;
    }
    return !done;
  }

  @Override
  public boolean onGap(boolean fromClient, long missingBytes) {
    // PDU boundaries are lost with the bytes; what was learnt stays, the rest is not worth
    // guessing.
    done = true;
    return false;
  }

  @Override
  public void onClose() {
    if (!accepted) {
      // No A-ASSOCIATE-AC seen (one-sided capture or rejection): report what was proposed.
      proposed.values().forEach(uid -> sopClass(requestorIsClient, requestNanos, uid));
    }
  }

  /**
   * One PDU, by type. Parses are checked with plain ifs rather than ifPresentOrElse with lambdas:
   * under the C1 compiler Ward analyses with, a capturing lambda is an allocation through a method
   * handle and a native call (about 35 ns against 4 for a plain object; bench/README.md).
   */
  private void onPdu(boolean fromClient, long t, int type, byte[] body, int size) {
    switch (type) {
      case DicomPduParser.TYPE_ASSOCIATE_RQ ->
          onAssociate(fromClient, t, DicomPduParser.associate(body, 0, size, true), true);
      case DicomPduParser.TYPE_ASSOCIATE_AC ->
          onAssociate(fromClient, t, DicomPduParser.associate(body, 0, size, false), false);
      case DicomPduParser.TYPE_ASSOCIATE_RJ -> {
        Optional<Reject> rj = DicomPduParser.reject(body, 0, size);
        if (rj.isPresent()) {
          onReject(fromClient, t, rj.get());
        } else {
          flow.anomaly("dicom.bad_reject");
        }
      }
      case DicomPduParser.TYPE_RELEASE_RQ,
          DicomPduParser.TYPE_RELEASE_RP,
          DicomPduParser.TYPE_ABORT ->
          done = true;
      default -> flow.anomaly("dicom.unexpected_pdu");
    }
  }

  /** An A-ASSOCIATE-RQ ({@code request}) or -AC, parsed or not. */
  private void onAssociate(boolean fromClient, long t, Optional<Associate> a, boolean request) {
    if (a.isEmpty()) {
      flow.anomaly("dicom.bad_associate");
    } else if (request) {
      onRequest(fromClient, t, a.get());
    } else {
      onAccept(fromClient, t, a.get());
    }
  }

  private void onRequest(boolean fromClient, long t, Associate rq) {
    requestorIsClient = fromClient;
    requestNanos = t;
    if (rq.protocolVersion() != 1) {
      flow.anomaly("dicom.protocol_version");
    }
    observe(fromClient, t, ObservationFields.DICOM_CALLING_AE, rq.callingAeTitle());
    observe(!fromClient, t, ObservationFields.DICOM_CALLED_AE, rq.calledAeTitle());
    userInfo(fromClient, t, rq);
    for (PresentationContext pc : rq.presentationContexts()) {
      pc.abstractSyntax().ifPresent(uid -> proposed.putIfAbsent(pc.id(), uid));
    }
  }

  private void onAccept(boolean fromClient, long t, Associate ac) {
    accepted = true;
    observe(fromClient, t, ObservationFields.DICOM_ASSOCIATION, "accepted");
    // The AC echoes the titles of the RQ; they confirm who the acceptor answered as.
    observe(fromClient, t, ObservationFields.DICOM_CALLED_AE, ac.calledAeTitle());
    observe(!fromClient, t, ObservationFields.DICOM_CALLING_AE, ac.callingAeTitle());
    userInfo(fromClient, t, ac);
    for (PresentationContext pc : ac.presentationContexts()) {
      String uid = proposed.get(pc.id());
      if (pc.result() == 0 && uid != null) {
        sopClass(!fromClient, t, uid);
      }
    }
  }

  private void onReject(boolean fromClient, long t, Reject rj) {
    observe(
        fromClient,
        t,
        ObservationFields.DICOM_ASSOCIATION,
        DicomNames.rejection(rj.result(), rj.source(), rj.reason()));
    done = true;
  }

  private void userInfo(boolean aboutClient, long t, Associate a) {
    a.userInfo()
        .implementationClassUid()
        .ifPresent(uid -> observe(aboutClient, t, ObservationFields.DICOM_IMPL_CLASS_UID, uid));
    a.userInfo()
        .implementationVersionName()
        .ifPresent(v -> observe(aboutClient, t, ObservationFields.DICOM_IMPL_VERSION, v));
    a.userInfo()
        .userIdentityType()
        .ifPresent(
            type ->
                observe(
                    aboutClient, t, DicomDissector.USER_IDENTITY, DicomNames.userIdentity(type)));
  }

  private void onCommand(boolean fromClient, long t, byte[] bytes, int size) {
    Optional<Command> parsed = DicomPduParser.command(bytes, 0, size);
    if (parsed.isEmpty()) {
      flow.anomaly("dicom.bad_command");
      return;
    }
    Command c = parsed.get();
    observe(fromClient, t, ObservationFields.DICOM_COMMAND, DicomNames.command(c.commandField()));
    boolean isRequest = (c.commandField() & 0x8000) == 0;
    if (isRequest && c.sopClassUid().isPresent()) {
      sopClass(fromClient, t, c.sopClassUid().get()); // not ifPresent: see onPdu
    }
    if (++commands >= MAX_COMMANDS) {
      done = true;
    }
  }

  private void sopClass(boolean aboutClient, long t, String uid) {
    if (!uid.isEmpty()) {
      observe(aboutClient, t, ObservationFields.DICOM_ABSTRACT_SYNTAX, SopClasses.describe(uid));
    }
  }

  private void observe(boolean aboutClient, long t, String field, String value) {
    if (value.isEmpty()) {
      return;
    }
    if (emitted.size() < MAX_DISTINCT_FACTS
        && emitted.add(new SideFact(aboutClient, field, value))) {
      flow.observe(aboutClient, t, field, value);
    }
  }
}
