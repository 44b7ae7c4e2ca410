package io.ward.capture.dissect.mqtt;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;

/**
 * MQTT on port 1883 and, by payload, on any port: a CONNECT packet naming protocol {@code MQTT}
 * (3.1.1, 5.0) or {@code MQIsdp} (3.1). Emits the client identifier and protocol version about the
 * client, and {@code mqtt.login=seen} about the broker when credentials were sent in clear (never
 * the user name or password).
 */
public final class MqttDissector implements Dissector {

  /** Protocol version of the CONNECT, e.g. {@code 3.1.1}. */
  public static final String VERSION = "mqtt.version";

  /** "seen" when the CONNECT carried a user name or password in clear; subject: broker. */
  public static final String LOGIN = "mqtt.login";

  private static final int[] PORTS = {1883};

  @Override
  public String protocol() {
    return "mqtt";
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public int[] wellKnownPorts() {
    return PORTS.clone();
  }

  @Override
  public boolean heuristic() {
    return true;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      return false;
    }
    return MqttParser.looksLikeConnect(buf, offset, length);
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new MqttSession(flow);
  }
}
