package io.ward.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ASTM E1394 records (H, P, O, R, L) in E1381 low-level frames: STX, frame number 1-7 then 0, the
 * record, CR, ETX, a two-hex-digit checksum of frame number through ETX, CR LF.
 */
final class AstmMessages {
  private AstmMessages() {}

  static final byte ENQ = 0x05;
  static final byte ACK = 0x06;
  static final byte EOT = 0x04;
  private static final byte STX = 0x02;
  private static final byte ETX = 0x03;

  /** The records of one result upload, header first. */
  static List<String> results(PlannedDevice d, long micros, SplittableRandom rnd) {
    DeviceModel.Astm a = d.model.astm().orElseThrow();
    FakePatient p = FakePatient.random(rnd);
    String ts = CaptureClock.hl7(micros);
    String sample = "S" + (1_000_000 + rnd.nextInt(9_000_000));
    List<String> r = new ArrayList<>();
    r.add("H|\\^&|||" + d.fill(a.sender()) + "|||||LIS||P|1|" + ts);
    r.add("P|1||" + p.mrn() + "||" + p.name() + "||" + p.birthDate() + "|" + p.sex());
    r.add("O|1|" + sample + "||^^^PANEL|R||||||N||||Serum");
    String[][] tests = {{"GLU", "mmol/L"}, {"K", "mmol/L"}, {"NA", "mmol/L"}, {"CREA", "umol/L"}};
    for (int i = 0; i < 3; i++) {
      String[] t = tests[(i + rnd.nextInt(4)) % 4];
      String value = String.format("%d.%d", 2 + rnd.nextInt(140), rnd.nextInt(10));
      r.add("R|" + (i + 1) + "|^^^" + t[0] + "|" + value + "|" + t[1] + "||N||F||||" + ts);
    }
    r.add("L|1|N");
    return r;
  }

  /** The E1381 frame carrying one record. */
  static byte[] frame(int number, String record) {
    Bytes b = new Bytes(record.length() + 8);
    b.u8(STX);
    byte[] body = Bytes.text((number % 8) + record + "\r");
    b.bytes(body).u8(ETX);
    int sum = ETX;
    for (byte x : body) {
      sum += x & 0xFF;
    }
    b.ascii(String.format("%02X", sum & 0xFF)).u8('\r').u8('\n');
    return b.toArray();
  }
}
