package io.ward.capture.dissect.mqtt;

import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.ObservationFields;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the client's CONNECT (the first packet of the connection, MQTT 3.1.1 section 3.1) and then
 * stops: publishes may carry clinical data and are never read.
 */
final class MqttSession implements DissectorSession {

  private final FlowContext flow;
  private byte[] buffer = new byte[0];
  private int fill;
  private boolean done;

  MqttSession(FlowContext flow) {
    this.flow = flow;
  }

  @Override
  public boolean onData(boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
    if (done) {
      return false;
    }
    if (offset < 0 || length < 0 || offset > buf.length - length) {
      flow.anomaly("mqtt.bad_call");
      return true;
    }
    if (!fromClient) {
      return true;
    }
    int room = MqttParser.MAX_CONNECT_BYTES - fill;
    int n = Math.min(room, length);
    if (fill + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(MqttParser.MAX_CONNECT_BYTES, (fill + n) * 2));
    }
    System.arraycopy(buf, offset, buffer, fill, n);
    fill += n;
    if (fill == 0) {
      return true;
    }
    long total = MqttParser.packetLength(buffer, 0, fill);
    boolean complete = total > 0 && total <= fill;
    boolean hopeless =
        total == -2
            || total > MqttParser.MAX_CONNECT_BYTES
            || (buffer[0] & 0xF0) != 0x10
            || (!complete && fill >= MqttParser.MAX_CONNECT_BYTES);
    if (hopeless) {
      flow.anomaly("mqtt.bad_connect");
      done = true;
      return false;
    }
    if (!complete) {
      return true;
    }
    done = true;
    Optional<MqttConnect> connect = MqttParser.connect(buffer, 0, (int) total);
    if (connect.isEmpty()) {
      flow.anomaly("mqtt.bad_connect");
      return false;
    }
    MqttConnect c = connect.get();
    if (!c.clientId().isEmpty()) {
      flow.observe(true, epochNanos, ObservationFields.MQTT_CLIENT_ID, c.clientId());
    }
    flow.observe(true, epochNanos, MqttDissector.VERSION, c.version());
    if (c.credentials()) {
      flow.observe(false, epochNanos, MqttDissector.LOGIN, "seen");
    }
    return false;
  }
}
