package io.ward.capture.dissect.hl7;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer fuzz test of the HL7 parser's memo against a full parse. Two messages, split at the first
 * zero byte, are parsed in turn by one fresh memo: each must parse exactly as without the memo, so
 * a {@link MessageShape} key that leaves out something the parse reads fails as soon as two
 * messages differ only there. Seeds in {@code Hl7MemoFuzzTestInputs/fuzzMemo/} are message pairs
 * that share a key or nearly do; they run in every build.
 */
class Hl7MemoFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void fuzzMemo(byte[] data) {
    int cut = 0;
    while (cut < data.length && data[cut] != 0) {
      cut++;
    }
    byte[] first = Arrays.copyOfRange(data, 0, cut);
    byte[] second = Arrays.copyOfRange(data, Math.min(cut + 1, data.length), data.length);
    Hl7MessageParser.Memo memo = new Hl7MessageParser.Memo();
    for (byte[] m : List.of(first, second)) {
      Hl7MessageParser.Result memoised = memo.parse(m, 0, m.length);
      Hl7MessageParser.Result full = Hl7MessageParser.parseWithoutCaches(m, 0, m.length);
      if (!memoised.equals(full)) {
        throw new AssertionError("memo gave " + memoised + " where a full parse gives " + full);
      }
    }
  }
}
