package io.ward.capture.dissect.mqtt;

/**
 * What Ward keeps of an MQTT CONNECT packet: never the user name or password, only whether they
 * were sent.
 *
 * @param protocolLevel 3 (MQTT 3.1), 4 (3.1.1) or 5 (5.0)
 * @param clientId the client identifier, may be empty (MQTT 3.1.1 section 3.1.3.1)
 * @param credentials true when the user name or password flag was set
 */
record MqttConnect(int protocolLevel, String clientId, boolean credentials) {

  /** The protocol version as its specification names it. */
  String version() {
    return switch (protocolLevel) {
      case 3 -> "3.1";
      case 4 -> "3.1.1";
      case 5 -> "5.0";
      default -> "level-" + protocolLevel;
    };
  }
}
