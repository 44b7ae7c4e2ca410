package io.ward.engine;

import io.ward.model.Flow;
import java.util.List;
import java.util.Map;

/**
 * What the flows of an analysis add up to.
 *
 * @param byProtocol flow count per application protocol (transport name when none was recognised)
 * @param cleartextByProtocol unencrypted flows of clinical or management protocols, per protocol
 * @param cleartextConversations the first of those flows, up to the configured cap
 * @param cleartextNotListed how many more there were beyond the cap
 */
public record FlowSummary(
    long flows,
    long packets,
    long bytes,
    Map<String, Long> byProtocol,
    Map<String, Long> cleartextByProtocol,
    List<Flow> cleartextConversations,
    long cleartextNotListed) {}
