package io.ward.server.inventory;

import java.time.Instant;

/**
 * Flows between two devices over one protocol in one hour.
 *
 * @param clientKey the initiating device's engine id
 * @param serverKey the answering device's engine id
 * @param protocol application protocol, or the transport when none was recognised
 * @param hourStart the start of the hour (UTC)
 * @param serverPort the server port last seen
 * @param flows flows of the pair, each counted also for every other client it names ({@link
 *     io.ward.model.Flow#otherClients})
 * @param packets packets of those flows, counted for the flow's client only, not its other clients
 * @param bytes bytes, counted as packets are
 * @param cleartextFlows flows of a clinical or management protocol without encryption
 */
public record FlowHourRow(
    String clientKey,
    String serverKey,
    String protocol,
    Instant hourStart,
    int serverPort,
    long flows,
    long packets,
    long bytes,
    long cleartextFlows) {

  FlowHourRow plus(FlowHourRow o) {
    return new FlowHourRow(
        clientKey,
        serverKey,
        protocol,
        hourStart,
        o.serverPort,
        flows + o.flows,
        packets + o.packets,
        bytes + o.bytes,
        cleartextFlows + o.cleartextFlows);
  }
}
