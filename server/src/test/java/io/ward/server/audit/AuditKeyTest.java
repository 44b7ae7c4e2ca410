package io.ward.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The keyed audit chain on both databases: a forger who can write to the database but not read the
 * data directory's audit key cannot make verify pass, whatever hashes they recompute.
 */
class AuditKeyTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {

    @Test
    void shouldFindAnEditedEntryWhenTheForgerRecomputedThePlainSha256Chain() throws Exception {
      try (TestStore own = newStore()) {
        List<AuditEntry> written = AuditForger.appendThree(own.bean(AuditLog.class));
        AuditEntry second = written.get(1);

        rewriteFrom(
            own,
            second.seq(),
            e -> second.seq() == e.seq() ? withDetail(e, "forged") : e,
            e -> AuditHash.sha256(AuditHash.canonical(e)),
            HashAlgorithm.HMAC_SHA256);

        AuditVerification v = own.bean(AuditLog.class).verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.keyMissing()).isFalse();
        assertThat(v.firstBroken()).contains(second.seq());
        assertThat(v.problem()).get().asString().contains("HMAC").contains("edited");
        assertThat(v.message()).startsWith("audit log broken at entry " + second.seq() + ": ");
      }
    }

    @Test
    void shouldFindAnEditedEntryWhoseHmacWasRecomputedUnderAnotherKey() throws Exception {
      try (TestStore own = newStore()) {
        List<AuditEntry> written = AuditForger.appendThree(own.bean(AuditLog.class));
        AuditEntry second = written.get(1);
        byte[] other = new byte[AuditKey.BYTES];
        new SecureRandom().nextBytes(other);
        AuditKey guessed = new AuditKey(other, 1);

        rewriteFrom(
            own,
            second.seq(),
            e -> second.seq() == e.seq() ? withDetail(e, "forged") : e,
            e -> guessed.mac(AuditHash.canonical(e)),
            HashAlgorithm.HMAC_SHA256);

        AuditVerification v = own.bean(AuditLog.class).verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).contains(second.seq());
        assertThat(v.problem()).get().asString().contains("another key");
      }
    }

    @Test
    void shouldRefuseKeyedEntriesRewrittenAsUnkeyedSha256() throws Exception {
      try (TestStore own = newStore()) {
        List<AuditEntry> written = AuditForger.appendThree(own.bean(AuditLog.class));
        AuditEntry first = written.get(0);

        // A forger rewrites the whole log as plain SHA-256 entries, each consistent with its
        // content, as if the key had never existed.
        rewriteFrom(
            own,
            first.seq(),
            e -> first.seq() == e.seq() ? withDetail(e, "forged") : e,
            e -> AuditHash.sha256(AuditHash.canonical(e)),
            HashAlgorithm.SHA256);

        AuditVerification v = own.bean(AuditLog.class).verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).contains(first.seq());
        assertThat(v.problem())
            .get()
            .asString()
            .contains("the audit key covers entries from 1 on (downgraded)");
      }
    }

    @Test
    void shouldVerifyALogWrittenBeforeTheKeyExistedAndKeyTheEntriesAfterIt() throws Exception {
      try (TestStore own = newStore()) {
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        Files.delete(keyFile);
        long legacy = writeLegacyEntries(own, 3);

        try (ConfigurableApplicationContext upgraded = own.startAnotherProcess()) {
          assertThat(AuditKeyFile.read(keyFile))
              .get()
              .extracting(r -> r.oldest().orElseThrow().fromSeq())
              .isEqualTo(legacy + 1);
          AuditLog log = upgraded.getBean(AuditLog.class);
          AuditEntry keyed = log.append("alice", "test.after", "thing:a", "", "127.0.0.1");
          assertThat(keyed.seq()).isEqualTo(legacy + 1);
          assertThat(keyed.hashAlgorithm()).isEqualTo(HashAlgorithm.HMAC_SHA256.id());

          AuditVerification v = log.verify();
          assertThat(v.intact()).as(v.message()).isTrue();
          assertThat(v.entries()).isEqualTo(legacy + 1);
          assertThat(v.keyedEntries()).isEqualTo(1);
          assertThat(v.message())
              .isEqualTo("audit log intact: " + (legacy + 1) + " entries, 1 keyed");

          // The keyed entry links to the last legacy one: rewriting legacy history shows too.
          rewriteFrom(
              own,
              1,
              e -> e.seq() == 1 ? withDetail(e, "forged") : e,
              e -> AuditHash.sha256(AuditHash.canonical(e)),
              HashAlgorithm.SHA256);
          AuditVerification forged = log.verify();
          assertThat(forged.intact()).isFalse();
          assertThat(forged.firstBroken()).contains(legacy + 1);
        }
      }
    }

    @Test
    void shouldCreateTheKeyOwnerOnlyAndReuseItAfterARestart() throws Exception {
      try (TestStore own = newStore()) {
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        assertThat(keyFile).isRegularFile();
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
              .isEqualTo("rw-------");
        }
        byte[] before = Files.readAllBytes(keyFile);
        own.bean(AuditLog.class).append("alice", "test.before", "thing:b", "", "local");

        try (ConfigurableApplicationContext restarted = own.startAnotherProcess()) {
          AuditLog log = restarted.getBean(AuditLog.class);
          log.append("alice", "test.after", "thing:a", "", "local");
          assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
          AuditVerification v = log.verify();
          assertThat(v.intact()).as(v.message()).isTrue();
          assertThat(v.keyedEntries()).isEqualTo(v.entries()).isGreaterThanOrEqualTo(2);
        }
        assertThat(own.bean(AuditLog.class).verify().intact()).isTrue();
      }
    }

    @Test
    void shouldSayTheKeyIsMissingAndRefuseToAppendWithoutIt() throws Exception {
      try (TestStore own = newStore()) {
        List<AuditEntry> written = AuditForger.appendThree(own.bean(AuditLog.class));
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        Files.delete(keyFile);

        try (ConfigurableApplicationContext restarted = own.startAnotherProcess()) {
          assertThat(keyFile).doesNotExist();
          AuditLog log = restarted.getBean(AuditLog.class);
          AuditVerification v = log.verify();
          assertThat(v.intact()).isFalse();
          assertThat(v.keyMissing()).isTrue();
          assertThat(v.firstBroken()).contains(written.get(0).seq());
          assertThat(v.message())
              .startsWith("audit log cannot be authenticated: the audit key " + keyFile)
              .contains("is missing");
          assertThatThrownBy(() -> log.append("alice", "test.x", "thing:x", "", "local"))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("is missing from " + keyFile)
              .hasMessageContaining("but the audit log has keyed entries")
              .hasMessageContaining("ward audit new-key --key-lost");
        }
      }
    }

    private static AuditEntry withDetail(AuditEntry e, String detail) {
      return new AuditEntry(
          e.seq(),
          e.at(),
          e.actor(),
          e.action(),
          e.target(),
          detail,
          e.sourceAddress(),
          e.prevHash(),
          e.hash(),
          e.hashAlgorithm());
    }

    /**
     * What a forger with write access to the database does: lifts the append-only guards, edits
     * entries from {@code fromSeq} on, recomputes every later hash and link with {@code hasher},
     * and moves the head along.
     */
    private static void rewriteFrom(
        TestStore s,
        long fromSeq,
        UnaryOperator<AuditEntry> edit,
        java.util.function.Function<AuditEntry, String> hasher,
        HashAlgorithm storedAs) {
      AuditForger.liftGuards(s);
      List<AuditEntry> all =
          s.jdbc().sql("SELECT * FROM audit_log ORDER BY seq").query(AuditLog::row).list();
      String prev =
          all.stream()
              .filter(e -> e.seq() == fromSeq - 1)
              .map(AuditEntry::hash)
              .findFirst()
              .orElse(AuditHash.GENESIS);
      for (AuditEntry e : all) {
        if (e.seq() < fromSeq) {
          continue;
        }
        AuditEntry edited = edit.apply(e);
        AuditEntry linked =
            new AuditEntry(
                edited.seq(),
                edited.at(),
                edited.actor(),
                edited.action(),
                edited.target(),
                edited.detail(),
                edited.sourceAddress(),
                prev,
                "",
                storedAs.id());
        String hash = hasher.apply(linked);
        s.jdbc()
            .sql(
                "UPDATE audit_log SET detail = ?, prev_hash = ?, entry_hash = ?, hash_alg = ?"
                    + " WHERE seq = ?")
            .params(linked.detail(), prev, hash, storedAs.id(), e.seq())
            .update();
        prev = hash;
      }
      s.jdbc().sql("UPDATE audit_head SET head_hash = ? WHERE id = 1").param(prev).update();
    }

    /** Entries as a Ward without the audit key wrote them: plain SHA-256, chained. */
    private static long writeLegacyEntries(TestStore s, int n) {
      long seq = s.jdbc().sql("SELECT seq FROM audit_head").query(Long.class).single();
      String prev = s.jdbc().sql("SELECT head_hash FROM audit_head").query(String.class).single();
      for (int i = 0; i < n; i++) {
        seq++;
        java.time.Instant at = java.time.Instant.parse("2026-01-0" + (i + 1) + "T10:00:00Z");
        String hash =
            AuditHash.of(seq, at, "system", "test.legacy", "thing:" + i, "", "local", prev);
        s.jdbc()
            .sql(
                "INSERT INTO audit_log (seq, logged_at, actor, action, target, detail,"
                    + " source_address, prev_hash, entry_hash, hash_alg)"
                    + " VALUES (?, ?, 'system', 'test.legacy', ?, '', 'local', ?, ?, 'sha256')")
            .params(seq, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), "thing:" + i, prev, hash)
            .update();
        prev = hash;
      }
      s.jdbc()
          .sql("UPDATE audit_head SET seq = ?, head_hash = ? WHERE id = 1")
          .params(seq, prev)
          .update();
      return seq;
    }
  }
}
