package io.ward.capture.dissect.dicom;

import java.util.List;
import java.util.Optional;

/** The typed DICOM upper-layer records Ward reads (PS3.8 section 9.3). */
final class DicomPdus {
  private DicomPdus() {}

  /** One upper-layer PDU that Ward interprets. */
  sealed interface Pdu permits Associate, Reject, Command {}

  /**
   * A-ASSOCIATE-RQ (type 1) or A-ASSOCIATE-AC (type 2). An AC echoes the AE titles of its RQ.
   *
   * @param request true for RQ, false for AC
   * @param protocolVersion bit field, 0x0001 for the only version defined
   */
  record Associate(
      boolean request,
      int protocolVersion,
      String calledAeTitle,
      String callingAeTitle,
      Optional<String> applicationContext,
      List<PresentationContext> presentationContexts,
      UserInfo userInfo)
      implements Pdu {
    Associate {
      presentationContexts = List.copyOf(presentationContexts);
    }
  }

  /**
   * One presentation context item: proposed (RQ, with abstract syntax) or answered (AC, with
   * result, 0 = acceptance).
   */
  record PresentationContext(
      int id, Optional<String> abstractSyntax, int result, List<String> transferSyntaxes) {
    PresentationContext {
      transferSyntaxes = List.copyOf(transferSyntaxes);
    }
  }

  /**
   * User information item (PS3.8 D.1 and PS3.7 D.3.3).
   *
   * @param userIdentityType PS3.7 D.3.3.7 user identity type (1 username, 2 username and passcode,
   *     3 Kerberos, 4 SAML, 5 JWT); the identity itself is never kept
   */
  record UserInfo(
      long maxPduLength,
      Optional<String> implementationClassUid,
      Optional<String> implementationVersionName,
      Optional<Integer> userIdentityType) {
    static final UserInfo NONE =
        new UserInfo(0, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A-ASSOCIATE-RJ (type 3): result, source and reason codes (PS3.8 Table 9-21). */
  record Reject(int result, int source, int reason) implements Pdu {}

  /**
   * A DIMSE command set carried by P-DATA-TF (PS3.7 section 9.3 and E.1).
   *
   * @param commandField (0000,0100)
   * @param sopClassUid affected (0000,0002) or else requested (0000,0003) SOP class UID
   * @param status (0000,0900) in responses
   */
  record Command(int commandField, Optional<String> sopClassUid, Optional<Integer> status)
      implements Pdu {}
}
