package io.ward.capture.dissect.smb;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SmbParserProperties {

  @Property
  void shouldNeverThrowOnRandomMessagesBehindValidProtocolIds(
      @ForAll @Size(max = 400) byte[] rest, @ForAll @IntRange(min = 0, max = 3) int kind) {
    byte[] m = new byte[4 + rest.length];
    m[0] = (byte) (0xFF - kind);
    m[1] = 'S';
    m[2] = 'M';
    m[3] = 'B';
    System.arraycopy(rest, 0, m, 4, rest.length);

    SmbParser.parse(m, 0, m.length);
    DissectorDriver d =
        new DissectorDriver(new SmbDissector(), RecordingFlowContext.between(1, 445));
    d.feedUnprobed(true, 1L, SmbParserTest.netbios(m));
    d.close();
  }

  @Property
  void shouldNeverThrowOnRandomStreams(@ForAll @Size(max = 3000) byte[] bytes, @ForAll boolean c) {
    DissectorDriver d =
        new DissectorDriver(new SmbDissector(), RecordingFlowContext.between(1, 445));
    d.feedUnprobed(c, 1L, bytes);
    d.close();
  }
}
