package io.ward.simulate;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * HL7 v2 messages (segments separated by CR, HL7 v2.5.1 / v2.6 chapter 2) and the MLLP envelope
 * (HL7 v2 Appendix C: 0x0B message 0x1C 0x0D). Device observations follow IHE PCD-01 with the
 * device named in OBX-18.
 */
final class Hl7Messages {
  private Hl7Messages() {}

  private static final char CR = '\r';

  /** The MLLP frame of a message. */
  static byte[] mllp(String message) {
    byte[] body = Bytes.utf8(message);
    return new Bytes(body.length + 3).u8(0x0B).bytes(body).u8(0x1C).u8(0x0D).toArray();
  }

  /** MSH-3 of a device: its application, with its EUI-64 where the product names itself so. */
  static String sendingApplication(PlannedDevice d) {
    DeviceModel.Hl7 h = d.model.hl7().orElseThrow();
    return h.eui64() ? h.application() + "^" + d.eui64() + "^EUI-64" : h.application();
  }

  /**
   * The SFT segment of a sender whose product writes one (HL7 v2.5+, section 2.15.12), else empty:
   * SFT-1 organization name with name type L (legal), SFT-2 the release it runs, SFT-3 the product
   * name, SFT-4 a binary id. Text is escaped as HL7 v2.5.1 section 2.7.4 requires.
   */
  static String software(PlannedDevice d) {
    Optional<DeviceModel.Software> sft = d.model.hl7().flatMap(DeviceModel.Hl7::software);
    if (sft.isEmpty()) {
      return "";
    }
    String product = sft.get().product().orElse(d.model.model());
    String binaryId = String.format("%08X", (d.model.id() + "@" + d.firmware).hashCode());
    return "SFT|"
        + escape(sft.get().vendor())
        + "^L|"
        + escape(d.firmware)
        + "|"
        + escape(product)
        + "|"
        + binaryId
        + CR;
  }

  /** HL7 escape sequences for the delimiters declared in MSH-1/MSH-2 (section 2.7.4). */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\':
          sb.append("\\E\\");
          break;
        case '|':
          sb.append("\\F\\");
          break;
        case '^':
          sb.append("\\S\\");
          break;
        case '&':
          sb.append("\\T\\");
          break;
        case '~':
          sb.append("\\R\\");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }

  /** OBX-18 equipment instance identifier (EI): serial, application, EUI-64. */
  static String equipment(PlannedDevice d) {
    String app = d.model.hl7().map(DeviceModel.Hl7::application).orElse(d.model.model());
    return d.serial + "^" + app + "^" + d.eui64() + "^EUI-64";
  }

  private static String msh(
      String sendingApp,
      String receivingApp,
      long micros,
      String type,
      String controlId,
      String version) {
    return "MSH|^~\\&|"
        + sendingApp
        + "|"
        + Site.FACILITY
        + "|"
        + receivingApp
        + "|"
        + Site.FACILITY
        + "|"
        + CaptureClock.hl7(micros)
        + "||"
        + type
        + "|"
        + controlId
        + "|P|"
        + version
        + CR;
  }

  private static String pid(FakePatient p) {
    return "PID|1||"
        + p.mrn()
        + "^^^"
        + Site.FACILITY
        + "^MR||"
        + p.name()
        + "||"
        + p.birthDate()
        + "|"
        + p.sex()
        + CR;
  }

  private static String pv1(FakePatient p) {
    return "PV1|1|I|" + p.bed() + "^" + Site.FACILITY + CR;
  }

  /** Vital signs from a monitor or ventilator as IHE PCD-01 ORU^R01. */
  static String vitals(
      PlannedDevice d, String receivingApp, long micros, String controlId, SplittableRandom rnd) {
    FakePatient p = FakePatient.random(rnd);
    String ts = CaptureClock.hl7(micros);
    StringBuilder m = new StringBuilder(640);
    m.append(msh(sendingApplication(d), receivingApp, micros, "ORU^R01^ORU_R01", controlId, "2.6"));
    m.append(software(d)).append(pid(p)).append(pv1(p));
    m.append("OBR|1|||69837^MDC_DEV_METER_PHYSIO_MULTI_PARAM^MDC|||").append(ts).append(CR);
    String eq = equipment(d);
    if (d.role() == Role.VENTILATOR) {
      obx(
          m,
          1,
          "151586^MDC_VENT_RESP_RATE^MDC",
          "1.1.1.1",
          12 + rnd.nextInt(10),
          "264928^MDC_DIM_RESP_PER_MIN^MDC",
          ts,
          eq);
      obx(
          m,
          2,
          "151868^MDC_VOL_AWAY_TIDAL^MDC",
          "1.1.1.2",
          380 + rnd.nextInt(200),
          "263762^MDC_DIM_MILLI_L^MDC",
          ts,
          eq);
      obx(
          m,
          3,
          "150456^MDC_PULS_OXIM_SAT_O2^MDC",
          "1.1.1.3",
          90 + rnd.nextInt(10),
          "262688^MDC_DIM_PERCENT^MDC",
          ts,
          eq);
    } else {
      obx(
          m,
          1,
          "147842^MDC_ECG_HEART_RATE^MDC",
          "1.1.1.1",
          55 + rnd.nextInt(60),
          "264864^MDC_DIM_BEAT_PER_MIN^MDC",
          ts,
          eq);
      obx(
          m,
          2,
          "150456^MDC_PULS_OXIM_SAT_O2^MDC",
          "1.1.1.2",
          90 + rnd.nextInt(10),
          "262688^MDC_DIM_PERCENT^MDC",
          ts,
          eq);
      obx(
          m,
          3,
          "150021^MDC_PRESS_BLD_NONINV_SYS^MDC",
          "1.1.1.3",
          95 + rnd.nextInt(60),
          "266016^MDC_DIM_MMHG^MDC",
          ts,
          eq);
      obx(
          m,
          4,
          "151562^MDC_RESP_RATE^MDC",
          "1.1.1.4",
          10 + rnd.nextInt(14),
          "264928^MDC_DIM_RESP_PER_MIN^MDC",
          ts,
          eq);
    }
    return m.toString();
  }

  /** An infusion pump's status as IHE PCD-01 ORU^R01 (pump and channel rate). */
  static String pumpStatus(
      PlannedDevice d, String receivingApp, long micros, String controlId, SplittableRandom rnd) {
    FakePatient p = FakePatient.random(rnd);
    String ts = CaptureClock.hl7(micros);
    StringBuilder m = new StringBuilder(640);
    m.append(msh(sendingApplication(d), receivingApp, micros, "ORU^R01^ORU_R01", controlId, "2.6"));
    m.append(software(d)).append(pid(p)).append(pv1(p));
    m.append("OBR|1|||69986^MDC_DEV_PUMP_INFUS_MDS^MDC|||").append(ts).append(CR);
    String eq = equipment(d);
    m.append("OBX|1||69985^MDC_DEV_PUMP_INFUS_VMD^MDC|1.0.0.0|||||||X|||")
        .append(ts)
        .append("||||")
        .append(eq)
        .append(CR);
    obx(
        m,
        2,
        "157784^MDC_FLOW_FLUID_PUMP^MDC",
        "1.1.1.1",
        5 + rnd.nextInt(250),
        "265266^MDC_DIM_MILLI_L_PER_HR^MDC",
        ts,
        eq);
    obx(
        m,
        3,
        "68063^MDC_ATTR_PT_WEIGHT^MDC",
        "1.1.1.2",
        40 + rnd.nextInt(80),
        "263875^MDC_DIM_KILO_G^MDC",
        ts,
        eq);
    return m.toString();
  }

  /** A pump server forwarding a pump's observation to the interface engine. */
  static String forwardedPumpStatus(
      PlannedDevice server,
      PlannedDevice pump,
      String receivingApp,
      long micros,
      String controlId,
      SplittableRandom rnd) {
    FakePatient p = FakePatient.random(rnd);
    String ts = CaptureClock.hl7(micros);
    StringBuilder m = new StringBuilder(640);
    m.append(
        msh(sendingApplication(server), receivingApp, micros, "ORU^R01^ORU_R01", controlId, "2.6"));
    m.append(software(server)).append(pid(p)).append(pv1(p));
    m.append("OBR|1|||69986^MDC_DEV_PUMP_INFUS_MDS^MDC|||").append(ts).append(CR);
    obx(
        m,
        1,
        "157784^MDC_FLOW_FLUID_PUMP^MDC",
        "1.1.1.1",
        5 + rnd.nextInt(250),
        "265266^MDC_DIM_MILLI_L_PER_HR^MDC",
        ts,
        equipment(pump));
    return m.toString();
  }

  private static void obx(
      StringBuilder m,
      int set,
      String code,
      String subId,
      int value,
      String unit,
      String ts,
      String equipment) {
    // OBX-1..18: set id, type, identifier, sub-id, value, units, 7-10 empty, status, 12-13
    // empty, observation time, 15-17 empty, equipment instance identifier.
    m.append("OBX|")
        .append(set)
        .append("|NM|")
        .append(code)
        .append('|')
        .append(subId)
        .append('|')
        .append(value)
        .append('|')
        .append(unit)
        .append("|||||R|||")
        .append(ts)
        .append("||||")
        .append(equipment)
        .append(CR);
  }

  /** An ADT event (A01 admit, A03 discharge, A08 update) from an EHR or interface engine. */
  static String adt(
      PlannedDevice sender,
      String receivingApp,
      String event,
      long micros,
      String controlId,
      SplittableRandom rnd) {
    String sendingApp = sender.model.hl7().orElseThrow().application();
    FakePatient p = FakePatient.random(rnd);
    // HL7 v2.5.1 section 3.3: A01, A04 and A08 share the ADT_A01 structure; A02, A03 their own.
    String structure = event.equals("A02") || event.equals("A03") ? "ADT_" + event : "ADT_A01";
    return msh(
            sendingApp, receivingApp, micros, "ADT^" + event + "^" + structure, controlId, "2.5.1")
        + software(sender)
        + "EVN|"
        + event
        + "|"
        + CaptureClock.hl7(micros)
        + CR
        + pid(p)
        + pv1(p);
  }

  /** A laboratory order to an analyzer (OML^O21). */
  static String labOrder(
      PlannedDevice sender,
      String receivingApp,
      long micros,
      String controlId,
      SplittableRandom rnd) {
    String sendingApp = sender.model.hl7().orElseThrow().application();
    FakePatient p = FakePatient.random(rnd);
    String order = "ORD" + (100000 + rnd.nextInt(900000));
    String[] tests = {
      "2345-7^Glucose^LN", "2823-3^Potassium^LN", "718-7^Hemoglobin^LN", "2160-0^Creatinine^LN"
    };
    return msh(sendingApp, receivingApp, micros, "OML^O21^OML_O21", controlId, "2.5.1")
        + software(sender)
        + pid(p)
        + pv1(p)
        + "ORC|NW|"
        + order
        + CR
        + "OBR|1|"
        + order
        + "||"
        + tests[rnd.nextInt(tests.length)]
        + "|||"
        + CaptureClock.hl7(micros)
        + CR;
  }

  /** A pharmacy order to a dispensing cabinet (RDE^O11). */
  static String pharmacyOrder(
      PlannedDevice sender,
      String receivingApp,
      long micros,
      String controlId,
      SplittableRandom rnd) {
    String sendingApp = sender.model.hl7().orElseThrow().application();
    FakePatient p = FakePatient.random(rnd);
    String order = "RX" + (100000 + rnd.nextInt(900000));
    String[] drugs = {
      "00409-4888-20^Heparin 5000 units/mL^NDC|5000||U",
      "0338-0049-04^Sodium chloride 0.9%^NDC|1000||mL",
      "0143-9875-25^Ondansetron 4 mg/2 mL^NDC|4||mg"
    };
    return msh(sendingApp, receivingApp, micros, "RDE^O11^RDE_O11", controlId, "2.5.1")
        + software(sender)
        + pid(p)
        + pv1(p)
        + "ORC|NW|"
        + order
        + CR
        + "RXE|^^^"
        + CaptureClock.hl7(micros)
        + "^^R|"
        + drugs[rnd.nextInt(drugs.length)]
        + CR;
  }

  /** A radiology order to a PACS (ORM^O01, HL7 v2.5.1 section 4.4; IHE RAD-4 style). */
  static String imagingOrder(
      PlannedDevice sender,
      String receivingApp,
      long micros,
      String controlId,
      SplittableRandom rnd) {
    String sendingApp = sender.model.hl7().orElseThrow().application();
    FakePatient p = FakePatient.random(rnd);
    String order = "ACC" + (100000 + rnd.nextInt(900000));
    String[] procedures = {
      "36643-5^XR Chest 2 Views^LN",
      "24627-2^CT Chest^LN",
      "24558-9^CT Head^LN",
      "30704-1^US Abdomen^LN"
    };
    return msh(sendingApp, receivingApp, micros, "ORM^O01^ORM_O01", controlId, "2.5.1")
        + software(sender)
        + pid(p)
        + pv1(p)
        + "ORC|NW|"
        + order
        + CR
        + "OBR|1|"
        + order
        + "||"
        + procedures[rnd.nextInt(procedures.length)]
        + "|||"
        + CaptureClock.hl7(micros)
        + CR;
  }

  /** The application acknowledgement of a message (MSA-1 AA). */
  static String ack(
      String sendingApp,
      String receivingApp,
      String software,
      String trigger,
      long micros,
      String controlId,
      String acked,
      String version) {
    return msh(sendingApp, receivingApp, micros, "ACK^" + trigger + "^ACK", controlId, version)
        + software
        + "MSA|AA|"
        + acked
        + CR;
  }
}
