package io.ward.server.audit;

import java.time.Instant;

/**
 * One entry of the audit log: who did what, when, from where, chained to the entry before it.
 *
 * @param seq the position in the log, from 1
 * @param at when (microsecond precision, as stored)
 * @param actor the user name, or {@code system} / {@code cli:<name>}
 * @param action what was done, e.g. {@code login.success}, {@code user.create}
 * @param target what it was done to, e.g. {@code user:alice}
 * @param detail more about it (never a password)
 * @param sourceAddress the client address, or {@code local} for the command line
 * @param prevHash the hash of the previous entry (64 zeros for the first)
 * @param hash the hash of this entry's canonical content, {@code prevHash} included: an HMAC-SHA256
 *     under the audit key, or plain SHA-256 for entries older than the key
 * @param hashAlgorithm which of the two, as stored ({@link HashAlgorithm#id()})
 */
public record AuditEntry(
    long seq,
    Instant at,
    String actor,
    String action,
    String target,
    String detail,
    String sourceAddress,
    String prevHash,
    String hash,
    String hashAlgorithm) {}
