package io.ward.capture.dissect.smb;

import java.util.List;
import java.util.Optional;

/** What Ward reads from one SMB message: a closed family, one variant per message it interprets. */
sealed interface SmbMessage {

  /**
   * SMB1 NEGOTIATE ([MS-CIFS] 2.2.4.52): a request lists dialect strings; a response selects one by
   * index (0xFFFF: none).
   */
  record Smb1Negotiate(boolean request, List<String> dialects, int selectedIndex)
      implements SmbMessage {
    public Smb1Negotiate {
      dialects = List.copyOf(dialects);
    }
  }

  /** SMB1 SESSION_SETUP_ANDX ([MS-CIFS] 2.2.4.53): the sender's NativeOS and NativeLanMan. */
  record Smb1SessionSetup(boolean request, Optional<String> nativeOs, Optional<String> nativeLanMan)
      implements SmbMessage {}

  /**
   * SMB2 NEGOTIATE ([MS-SMB2] 2.2.3, 2.2.4): dialects offered (request) or chosen (response), and
   * the compression algorithms of an SMB 3.1.1 compression context (2.2.3.1.3).
   */
  record Smb2Negotiate(boolean request, List<Integer> dialects, List<Integer> compression)
      implements SmbMessage {
    public Smb2Negotiate {
      dialects = List.copyOf(dialects);
      compression = List.copyOf(compression);
    }
  }

  /** An SMB2 TRANSFORM_HEADER (0xFD 'SMB', [MS-SMB2] 2.2.41): the session is encrypted. */
  record Encrypted() implements SmbMessage {}

  /** Any other command, by SMB version (1 or 2) and command code. */
  record Other(int version, int command, boolean request) implements SmbMessage {}
}
