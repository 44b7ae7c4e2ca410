package io.ward.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The audit chain on both databases: verify, tamper detection, append-only. */
class AuditLogTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {

    @Test
    void shouldRefuseTruncatingTheLog() {
      AuditEntry e = store.bean(AuditLog.class).append("alice", "test.t", "thing:t", "", "local");
      long before = store.count("audit_log");
      // H2 has no TRUNCATE trigger; a foreign key makes it refuse ("Cannot truncate").
      assertThatThrownBy(() -> store.jdbc().sql("TRUNCATE TABLE audit_log").update())
          .hasStackTraceContaining(store.isPostgres() ? "append-only" : "Cannot truncate");
      assertThat(store.count("audit_log")).isEqualTo(before).isGreaterThanOrEqualTo(e.seq());
      assertThat(store.bean(AuditLog.class).verify().intact()).isTrue();
    }

    @Test
    void shouldFindALogTruncatedBehindTheGuardsEvenWithItsHeadReset() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        own.bean(io.ward.server.security.UserService.class)
            .create(
                "auditee",
                "a long enough password",
                io.ward.server.security.Role.AUDITOR,
                io.ward.server.audit.Actor.system());
        log.append("alice", "test.a", "thing:a", "", "local");
        log.append("alice", "test.b", "thing:b", "", "local");
        assertThat(log.verify().intact()).isTrue();
        long written = own.count("audit_log");

        if (own.isPostgres()) {
          own.jdbc().sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
        } else {
          own.jdbc().sql("SET REFERENTIAL_INTEGRITY FALSE").update();
        }
        own.jdbc().sql("TRUNCATE TABLE audit_log").update();
        assertThat(own.count("audit_log")).isZero();
        AuditVerification cut = log.verify();
        assertThat(cut.intact()).isFalse();
        assertThat(cut.firstBroken()).contains(1L);
        assertThat(cut.problem())
            .contains("the log ends at entry 0 but " + written + " were written");

        own.jdbc().sql("DELETE FROM audit_head").update();
        assertThat(log.verify().problem())
            .get()
            .asString()
            .contains("head of the chain is missing");

        own.jdbc()
            .sql("INSERT INTO audit_head (id, seq, head_hash) VALUES (1, 0, ?)")
            .param("0".repeat(64))
            .update();
        AuditVerification reset = log.verify();
        assertThat(reset.intact()).isFalse();
        assertThat(reset.problem())
            .contains("the log is empty but 1 users exist, whose creation was logged");
      }
    }

    @Test
    void shouldFindEntriesCutFromTheEndEvenWithTheHeadRowResetToMatch() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        log.append("alice", "test.a", "thing:a", "", "local");
        AuditEntry b = log.append("alice", "test.b", "thing:b", "", "local");
        AuditEntry c = log.append("alice", "test.c", "thing:c", "", "local");
        java.nio.file.Path anchorFile = own.dataDir().resolve(AuditAnchor.NAME);
        assertThat(java.nio.file.Files.readString(anchorFile)).contains("seq=" + c.seq());
        assertThat(log.verify().intact()).isTrue();

        // Whoever can write to the database lifts the guard, cuts the last entry and makes the
        // head row name the entry before it: the chain and the head row then hold.
        if (own.isPostgres()) {
          own.jdbc().sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
        } else {
          own.jdbc().sql("DROP TRIGGER audit_log_no_delete").update();
        }
        own.jdbc().sql("DELETE FROM audit_log WHERE seq = ?").param(c.seq()).update();
        own.jdbc()
            .sql("UPDATE audit_head SET seq = ?, head_hash = ? WHERE id = 1")
            .params(b.seq(), b.hash())
            .update();

        AuditVerification cut = log.verify();
        assertThat(cut.intact()).isFalse();
        assertThat(cut.firstBroken()).contains(c.seq());
        assertThat(cut.problem())
            .get()
            .asString()
            .contains("the log ends at entry " + b.seq())
            .contains("says entry " + c.seq() + " was committed");

        // New appends fill the gap with other entries; the anchor stays on the one that was cut,
        // and once an append goes past it, it records the cut for good (under the key).
        AuditEntry refill = log.append("mallory", "test.refill", "thing:r", "", "local");
        assertThat(refill.seq()).isEqualTo(c.seq());
        AuditVerification refilled = log.verify();
        assertThat(refilled.firstBroken()).contains(c.seq());
        assertThat(refilled.problem()).get().asString().contains("was cut there and written again");
        AuditEntry more = log.append("mallory", "test.more", "thing:m", "", "local");
        assertThat(java.nio.file.Files.readString(anchorFile))
            .contains("seq=" + c.seq())
            .contains("broken-at=" + more.seq());
        AuditVerification recorded = log.verify();
        assertThat(recorded.firstBroken()).contains(c.seq());
        assertThat(recorded.problem())
            .get()
            .asString()
            .contains("was gone from the log when entry " + more.seq() + " was appended");

        // The anchor itself is authenticated with the audit key.
        String text = java.nio.file.Files.readString(anchorFile);
        java.nio.file.Files.writeString(
            anchorFile, text.replace("broken-at=" + more.seq() + "\n", ""));
        assertThat(log.verify().problem())
            .get()
            .asString()
            .contains("does not hold under the audit key");
      }
    }

    @Test
    void shouldKeepAnchoringWhileAnEntryIsHiddenAndFindTheCutMadeAfterItIsPutBack()
        throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditEntry c = log.append("alice", "test.c", "thing:c", "", "local");
        if (own.isPostgres()) {
          own.jdbc().sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
        } else {
          own.jdbc().sql("DROP TRIGGER audit_log_no_delete").update();
        }
        // The anchored entry disappears while the server appends, then comes back unchanged.
        own.jdbc().sql("DELETE FROM audit_log WHERE seq = ?").param(c.seq()).update();
        log.append("alice", "test.d", "thing:d", "", "local");
        own.jdbc()
            .sql(
                "INSERT INTO audit_log (seq, logged_at, actor, action, target, detail,"
                    + " source_address, prev_hash, entry_hash, hash_alg)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .params(
                c.seq(),
                java.time.OffsetDateTime.ofInstant(c.at(), java.time.ZoneOffset.UTC),
                c.actor(),
                c.action(),
                c.target(),
                c.detail(),
                c.sourceAddress(),
                c.prevHash(),
                c.hash(),
                c.hashAlgorithm())
            .update();
        AuditEntry d = log.recent(java.util.Optional.empty(), 1).get(0);
        log.append("alice", "test.e", "thing:e", "", "local");
        AuditEntry f = log.append("alice", "test.f", "thing:f", "", "local");
        assertThat(log.verify().intact()).isTrue();

        own.jdbc().sql("DELETE FROM audit_log WHERE seq > ?").param(d.seq()).update();
        own.jdbc()
            .sql("UPDATE audit_head SET seq = ?, head_hash = ? WHERE id = 1")
            .params(d.seq(), d.hash())
            .update();
        AuditVerification cut = log.verify();
        assertThat(cut.firstBroken()).contains(d.seq() + 1);
        assertThat(cut.problem()).get().asString().contains("says entry " + f.seq());
      }
    }

    @Test
    void shouldNeverMoveTheAnchorBackWhenAnotherProcessMovedItFurther() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditEntry e1 = log.append("alice", "test.1", "thing:1", "", "local");
        // A second process on the same data directory (ward user beside ward serve), which last
        // saw the anchor at e1.
        AuditAnchor other =
            new AuditAnchor(
                own.bean(AuditKeys.class),
                own.jdbc(),
                own.bean(io.ward.server.config.DurableCommits.class));
        AuditEntry e2 = log.append("alice", "test.2", "thing:2", "", "local");
        AuditEntry e3 = log.append("alice", "test.3", "thing:3", "", "local");
        java.nio.file.Path anchorFile = own.dataDir().resolve(AuditAnchor.NAME);

        other.advance(
            e2.seq(),
            e1.hash(),
            e2.hash(),
            own.bean(AuditKeys.class)
                .ring()
                .oldest()
                .orElseThrow()); // its late commit callback for e2

        assertThat(java.nio.file.Files.readString(anchorFile)).contains("seq=" + e3.seq());
        assertThat(log.verify().intact()).isTrue();
      }
    }

    @Test
    void shouldAnchorTheLastCommittedEntryAndNotARolledBackOne() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditEntry kept = log.append("alice", "test.kept", "thing:k", "", "local");
        org.springframework.transaction.support.TransactionTemplate tx =
            new org.springframework.transaction.support.TransactionTemplate(
                own.bean(org.springframework.transaction.PlatformTransactionManager.class));
        tx.executeWithoutResult(
            status -> {
              log.append("alice", "test.undone", "thing:u", "", "local");
              status.setRollbackOnly();
            });
        java.nio.file.Path anchorFile = own.dataDir().resolve(AuditAnchor.NAME);
        assertThat(java.nio.file.Files.readString(anchorFile)).contains("seq=" + kept.seq());
        assertThat(log.verify().intact()).isTrue();

        // A data directory without an anchor (an older Ward) verifies, and the next append makes
        // it.
        java.nio.file.Files.delete(anchorFile);
        assertThat(log.verify().intact()).isTrue();
        AuditEntry next = log.append("alice", "test.next", "thing:n", "", "local");
        assertThat(java.nio.file.Files.readString(anchorFile)).contains("seq=" + next.seq());
      }
    }

    @Test
    void shouldChainEntriesAndVerifyIntactAndThenFindAnEditedEntry() {
      AuditLog log = store.bean(AuditLog.class);
      long before = store.count("audit_log");
      AuditEntry first = log.append("alice", "test.one", "thing:1", "first", "127.0.0.1");
      AuditEntry second = log.append("bob", "test.two", "thing:2", "second", "127.0.0.2");
      AuditEntry third = log.append("carol", "test.three", "thing:3", "third", "127.0.0.3");

      assertThat(second.prevHash()).isEqualTo(first.hash());
      assertThat(third.prevHash()).isEqualTo(second.hash());
      assertThat(third.seq()).isEqualTo(first.seq() + 2);
      AuditVerification ok = log.verify();
      assertThat(ok.intact()).isTrue();
      assertThat(ok.entries()).isEqualTo(before + 3);

      bypassAppendOnly();
      try {
        store
            .jdbc()
            .sql("UPDATE audit_log SET detail = 'forged' WHERE seq = ?")
            .param(second.seq())
            .update();
        AuditVerification broken = log.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBroken()).contains(second.seq());
        assertThat(broken.problem()).get().asString().contains("edited");

        store
            .jdbc()
            .sql("UPDATE audit_log SET detail = 'second' WHERE seq = ?")
            .param(second.seq())
            .update();
        assertThat(log.verify().intact()).isTrue();

        store.jdbc().sql("DELETE FROM audit_log WHERE seq = ?").param(third.seq()).update();
        AuditVerification cut = log.verify();
        assertThat(cut.firstBroken()).contains(third.seq());
      } finally {
        restoreAppendOnly();
      }
    }

    @Test
    void shouldRefuseUpdateAndDeleteOfAuditEntries() {
      AuditLog log = store.bean(AuditLog.class);
      AuditEntry e = log.append("alice", "test.keep", "thing:9", "kept", "127.0.0.1");
      assertThatThrownBy(
              () ->
                  store
                      .jdbc()
                      .sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?")
                      .param(e.seq())
                      .update())
          .hasStackTraceContaining("append-only");
      assertThatThrownBy(
              () -> store.jdbc().sql("DELETE FROM audit_log WHERE seq = ?").param(e.seq()).update())
          .hasStackTraceContaining("append-only");
      assertThat(
              store
                  .jdbc()
                  .sql("SELECT actor FROM audit_log WHERE seq = ?")
                  .param(e.seq())
                  .query(String.class)
                  .single())
          .isEqualTo("alice");
    }

    private void bypassAppendOnly() {
      if (store.isPostgres()) {
        store.jdbc().sql("ALTER TABLE audit_log DISABLE TRIGGER USER").update();
      } else {
        store.jdbc().sql("DROP TRIGGER audit_log_no_update").update();
        store.jdbc().sql("DROP TRIGGER audit_log_no_delete").update();
      }
    }

    private void restoreAppendOnly() {
      if (store.isPostgres()) {
        store.jdbc().sql("ALTER TABLE audit_log ENABLE TRIGGER USER").update();
      } else {
        store
            .jdbc()
            .sql(
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW"
                    + " CALL 'io.ward.server.audit.AppendOnlyTrigger'")
            .update();
        store
            .jdbc()
            .sql(
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW"
                    + " CALL 'io.ward.server.audit.AppendOnlyTrigger'")
            .update();
      }
    }
  }
}
