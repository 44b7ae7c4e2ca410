package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * POCT1-A device messaging (CLSI POCT1-A2): XML messages HEL.R01 (hello, with vendor, model, serial
 * and software version), DST.R01 (status), OBS.R01 (observations), EOT.R01, END.R01 and ACK.R01,
 * exchanged between a point-of-care device and its data manager.
 */
final class Poct1aMessages {
  private Poct1aMessages() {}

  private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private static String header(String type, int controlId, long micros) {
    return "<HDR><HDR.message_type V=\""
        + type
        + "\"/><HDR.control_id V=\""
        + controlId
        + "\"/><HDR.version_id V=\"POCT1\"/><HDR.creation_dttm V=\""
        + CaptureClock.iso(micros)
        + "\"/></HDR>";
  }

  static byte[] hello(PlannedDevice d, int controlId, long micros) {
    DeviceModel.Poct p = d.model.poct().orElseThrow();
    String xml =
        PROLOG
            + "<HEL.R01>"
            + header("HEL.R01", controlId, micros)
            + "<DEV><DEV.device_id V=\""
            + String.format("%012X", d.mac)
            + "\"/><DEV.vendor_id V=\""
            + p.vendorId()
            + "\"/><DEV.model_id V=\""
            + p.modelId()
            + "\"/><DEV.serial_id V=\""
            + d.serial
            + "\"/><DEV.manufacturer_name V=\""
            + d.model.vendor()
            + "\"/><DEV.hw_version V=\"1\"/><DEV.sw_version V=\""
            + d.firmware
            + "\"/><DEV.device_name V=\""
            + d.hostname
            + "\"/><DCP><DCP.application_timeout V=\"30\"/></DCP><DSC>"
            + "<DSC.connection_profile_cd V=\"SA\"/><DSC.topics_supported_cd V=\"OBS\"/>"
            + "<DSC.max_message_sz V=\"32768\"/></DSC></DEV></HEL.R01>";
    return Bytes.utf8(xml);
  }

  static byte[] status(int controlId, long micros, int newObservations) {
    return Bytes.utf8(
        PROLOG
            + "<DST.R01>"
            + header("DST.R01", controlId, micros)
            + "<DST><DST.status_dttm V=\""
            + CaptureClock.iso(micros)
            + "\"/><DST.new_observations_qty V=\""
            + newObservations
            + "\"/><DST.condition_cd V=\"R\"/></DST></DST.R01>");
  }

  static byte[] observation(int controlId, long micros, SplittableRandom rnd) {
    FakePatient p = FakePatient.random(rnd);
    String value = String.format("%d.%d", 3 + rnd.nextInt(12), rnd.nextInt(10));
    return Bytes.utf8(
        PROLOG
            + "<OBS.R01>"
            + header("OBS.R01", controlId, micros)
            + "<SVC><SVC.role_cd V=\"OBS\"/><SVC.observation_dttm V=\""
            + CaptureClock.iso(micros)
            + "\"/><PT><PT.patient_id V=\""
            + p.mrn()
            + "\"/><OBS><OBS.observation_id V=\"2345-7\" SN=\"LN\"/>"
            + "<OBS.value V=\""
            + value
            + "\" U=\"mmol/L\"/></OBS></PT></SVC></OBS.R01>");
  }

  static byte[] endOfTopic(int controlId, long micros) {
    return Bytes.utf8(
        PROLOG
            + "<EOT.R01>"
            + header("EOT.R01", controlId, micros)
            + "<EOT><EOT.topic_cd V=\"OBS\"/></EOT></EOT.R01>");
  }

  static byte[] end(int controlId, long micros) {
    return Bytes.utf8(
        PROLOG
            + "<END.R01>"
            + header("END.R01", controlId, micros)
            + "<TRM><TRM.reason_cd V=\"NRM\"/></TRM></END.R01>");
  }

  static byte[] ack(int controlId, int acked, long micros) {
    return Bytes.utf8(
        PROLOG
            + "<ACK.R01>"
            + header("ACK.R01", controlId, micros)
            + "<ACK><ACK.type_cd V=\"AA\"/><ACK.ack_control_id V=\""
            + acked
            + "\"/></ACK></ACK.R01>");
  }
}
