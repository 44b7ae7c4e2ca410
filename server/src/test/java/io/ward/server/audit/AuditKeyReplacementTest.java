package io.ward.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.server.StoreContract;
import io.ward.server.TestDatabase;
import io.ward.server.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ward audit new-key} on both databases: a rotated key leaves every entry authenticated; a
 * key declared lost lets appends resume and verification report the lost entries as a caveat; a
 * forged or unexplained gap in the keys is never taken for either.
 */
class AuditKeyReplacementTest {

  @Nested
  class OnH2 extends Contract implements TestDatabase.H2 {}

  @Nested
  class OnPostgres extends Contract implements TestDatabase.Postgres {}

  abstract static class Contract extends StoreContract {
    private static final Actor OPERATOR = new Actor("cli:operator", "local");

    @Test
    void shouldRotateTheKeyAndKeepTheOldEntriesAuthenticated() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        List<AuditEntry> before = AuditForger.appendThree(log);
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);

        AuditKeyReplacement.Replaced r =
            own.bean(AuditKeyReplacement.class).replace(OPERATOR, "yearly rotation", Set.of());
        AuditEntry after = log.append("alice", "test.after", "thing:a", "", "local");

        assertThat(r.entry().seq()).isEqualTo(before.get(2).seq() + 1);
        assertThat(r.entry().action()).isEqualTo(AuditKeyReplacement.ACTION);
        assertThat(r.entry().actor()).isEqualTo("cli:operator");
        assertThat(r.entry().detail())
            .contains("new audit key for entries from " + r.entry().seq() + " on")
            .contains("the keys before it stay in the key file")
            .contains("reason: yearly rotation");
        assertThat(r.declaredLost()).isEmpty();
        AuditKeyRing ring = AuditKeyFile.read(keyFile).orElseThrow();
        assertThat(ring.keys()).extracting(AuditKey::fromSeq).contains(r.entry().seq()).hasSize(2);

        AuditVerification v = log.verify();
        assertThat(v.intact()).as(v.message()).isTrue();
        assertThat(v.keyedEntries()).isEqualTo(v.entries());
        assertThat(v.caveat()).isEmpty();
        // Each range is checked under its own key: the old key does not authenticate the new
        // entries, nor the new key the old ones.
        AuditKey oldKey = ring.startingAt(ring.oldest().orElseThrow().fromSeq()).orElseThrow();
        AuditKey newKey = ring.startingAt(r.entry().seq()).orElseThrow();
        assertThat(oldKey.authenticates(AuditHash.canonical(after), after.hash())).isFalse();
        assertThat(newKey.authenticates(AuditHash.canonical(after), after.hash())).isTrue();
        AuditEntry first = before.get(0);
        assertThat(oldKey.authenticates(AuditHash.canonical(first), first.hash())).isTrue();
      }
    }

    @Test
    void shouldRefuseToReplaceAMissingKeyUntilItIsDeclaredLostThenAppendAgain() throws Exception {
      try (TestStore own = newStore()) {
        List<AuditEntry> before = AuditForger.appendThree(own.bean(AuditLog.class));
        long firstKeyed = firstKeyedSeq(own);
        long lastBefore = before.get(2).seq();
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        Files.delete(keyFile);

        try (ConfigurableApplicationContext restarted = own.startAnotherProcess()) {
          AuditLog log = restarted.getBean(AuditLog.class);
          AuditKeyReplacement replacement = restarted.getBean(AuditKeyReplacement.class);
          assertThatThrownBy(() -> log.append("alice", "test.x", "thing:x", "", "local"))
              .isInstanceOf(IllegalStateException.class);

          assertThatThrownBy(() -> replacement.replace(OPERATOR, "", Set.of()))
              .isInstanceOf(AuditKeyException.class)
              .hasMessageContaining("lacks the key of entries " + firstKeyed + "–" + lastBefore)
              .hasMessageContaining("(from test.one by alice at ")
              .hasMessageContaining("run again with --key-lost=" + firstKeyed);
          assertThatThrownBy(() -> replacement.replace(OPERATOR, "", Set.of(firstKeyed + 1)))
              .isInstanceOf(AuditKeyException.class)
              .hasMessageContaining("--key-lost must name exactly the ranges whose key is missing");
          assertThat(keyFile).as("a refused replacement writes no key").doesNotExist();

          AuditKeyReplacement.Replaced r =
              replacement.replace(
                  OPERATOR, "key file lost with the old server", Set.of(firstKeyed));
          assertThat(r.declaredLost()).containsExactly("entries " + firstKeyed + "–" + lastBefore);
          assertThat(r.entry().detail())
              .contains("declared lost: entries " + firstKeyed + "–" + lastBefore)
              .contains("reason: key file lost with the old server");
          AuditKeyRing ring = AuditKeyFile.read(keyFile).orElseThrow();
          assertThat(ring.lostRanges()).containsExactly(firstKeyed);

          AuditEntry after = log.append("alice", "test.after", "thing:a", "", "local");
          AuditVerification v = log.verify();
          assertThat(v.intact()).as(v.message()).isTrue();
          assertThat(v.keyMissing()).isFalse();
          assertThat(v.keyedEntries()).isEqualTo(2); // the replacement and the entry after it
          assertThat(v.caveat())
              .get()
              .asString()
              .startsWith(
                  "entries "
                      + firstKeyed
                      + "–"
                      + lastBefore
                      + " (written under a key"
                      + " declared lost");
          assertThat(v.message()).contains("; entries " + firstKeyed + "–" + lastBefore);

          // Entries under the new key are authenticated: an edit of one is found.
          AuditForger.liftGuards(own);
          own.jdbc()
              .sql("UPDATE audit_log SET detail = 'forged' WHERE seq = ?")
              .param(after.seq())
              .update();
          AuditVerification forged = log.verify();
          assertThat(forged.intact()).isFalse();
          assertThat(forged.firstBroken()).contains(after.seq());
        }
      }
    }

    @Test
    void shouldRefuseToDeclareALostKeyWhenNoneIsMissing() throws Exception {
      try (TestStore own = newStore()) {
        AuditForger.appendThree(own.bean(AuditLog.class));
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        byte[] before = Files.readAllBytes(keyFile);
        long entries = own.bean(AuditLog.class).verify().entries();

        assertThatThrownBy(
                () -> own.bean(AuditKeyReplacement.class).replace(OPERATOR, "", Set.of(1L)))
            .isInstanceOf(AuditKeyException.class)
            .hasMessageContaining("no audit key is missing")
            .hasMessageContaining("leave out --key-lost");

        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
        assertThat(own.bean(AuditLog.class).verify().entries()).isEqualTo(entries);
      }
    }

    @Test
    void shouldDropAPendingKeyWhoseReplacementRolledBackAndNeverRemoveAKey() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditKeyReplacement replacement = own.bean(AuditKeyReplacement.class);
        AuditForger.appendThree(log);
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        TransactionTemplate tx =
            new TransactionTemplate(own.bean(PlatformTransactionManager.class));

        tx.executeWithoutResult(
            status -> {
              replacement.replace(OPERATOR, "", Set.of());
              status.setRollbackOnly();
            });

        // Left pending in the file, as after a crash before the commit; nothing uses it.
        AuditKeyRing left = AuditKeyFile.read(keyFile).orElseThrow();
        assertThat(left.pending()).isPresent();
        AuditEntry after = log.append("alice", "test.after", "thing:a", "", "local");
        assertThat(left.keys().get(0).authenticates(AuditHash.canonical(after), after.hash()))
            .isTrue();
        AuditVerification v = log.verify();
        assertThat(v.intact()).as(v.message()).isTrue();
        assertThat(v.keyedEntries()).isEqualTo(v.entries());

        // The next replacement drops it and keeps every key that covers entries.
        long at = replacement.replace(OPERATOR, "", Set.of()).entry().seq();
        AuditKeyRing now = AuditKeyFile.read(keyFile).orElseThrow();
        assertThat(now.pending()).isEmpty();
        assertThat(now.rangeStarts()).containsExactly(left.keys().get(0).fromSeq(), at);
        assertThat(log.verify().intact()).isTrue();
      }
    }

    @Test
    void shouldTakeAPendingReplacementWhoseEntryCommittedAsMade() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditForger.appendThree(log);
        long at = replaceLeavingItPending(own);

        try (ConfigurableApplicationContext restarted = own.startAnotherProcess()) {
          AuditLog other = restarted.getBean(AuditLog.class);
          other.append("alice", "test.after", "thing:a", "", "local");
          AuditVerification v = other.verify();
          assertThat(v.intact()).as(v.message()).isTrue();
          assertThat(v.keyedEntries()).isEqualTo(v.entries());
        }
      }
    }

    @Test
    void shouldReportAnEditedReplacementAsEditedWhileItsKeyIsStillPending() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditForger.appendThree(log);
        long at = replaceLeavingItPending(own);

        AuditForger.liftGuards(own);
        own.jdbc().sql("UPDATE audit_log SET detail = 'forged' WHERE seq = ?").param(at).update();

        AuditVerification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.keyMissing()).isFalse();
        assertThat(v.firstBroken()).contains(at);
        assertThat(v.problem()).get().asString().contains("edited");
      }
    }

    @Test
    void shouldAppendUnderTheCommittedKeyNotAPendingOneWithTheSameFirstEntry() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditForger.appendThree(log);
        TransactionTemplate tx =
            new TransactionTemplate(own.bean(PlatformTransactionManager.class));
        tx.executeWithoutResult(
            status -> {
              own.bean(AuditKeyReplacement.class).replace(OPERATOR, "", Set.of());
              status.setRollbackOnly();
            });

        try (ConfigurableApplicationContext other = own.startAnotherProcess()) {
          // It holds the rolled-back key, pending; the retry below makes another at the same entry.
          assertThat(other.getBean(AuditKeys.class).ring().pending()).isPresent();
          own.bean(AuditKeyReplacement.class).replace(OPERATOR, "retry", Set.of());

          AuditEntry after =
              other.getBean(AuditLog.class).append("alice", "test.after", "thing:a", "", "local");

          AuditVerification v = log.verify();
          assertThat(v.intact()).as(v.message()).isTrue();
          assertThat(v.keyedEntries()).isEqualTo(v.entries());
          AuditKeyRing ring = AuditKeyFile.read(own.dataDir().resolve(AuditKeyFile.NAME)).get();
          assertThat(ring.pending()).isEmpty();
          assertThat(
                  ring.keys()
                      .get(ring.keys().size() - 1)
                      .authenticates(AuditHash.canonical(after), after.hash()))
              .isTrue();
        }
      }
    }

    @Test
    void shouldWalkTheChainButNeverSayIntactWithADamagedKeyFile() throws Exception {
      try (TestStore own = newStore()) {
        AuditForger.appendThree(own.bean(AuditLog.class));
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        Files.writeString(keyFile, "from-seq=1\nhmac-sha256=not base64\n");

        try (ConfigurableApplicationContext restarted = own.startAnotherProcess()) {
          AuditLog log = restarted.getBean(AuditLog.class);
          AuditVerification v = log.verify();
          assertThat(v.intact()).isFalse();
          assertThat(v.keyMissing()).isTrue();
          assertThat(v.problem())
              .get()
              .asString()
              .startsWith("the audit key " + keyFile + " is damaged: line 2: hmac-sha256= is not");
          assertThatThrownBy(() -> log.append("alice", "test.x", "thing:x", "", "local"))
              .isInstanceOf(AuditKeyException.class)
              .hasMessageContaining("is damaged");
          assertThatThrownBy(
                  () ->
                      restarted
                          .getBean(AuditKeyReplacement.class)
                          .replace(OPERATOR, "", Set.of(1L)))
              .isInstanceOf(AuditKeyException.class)
              .hasMessageContaining("repair it or restore it from its backup first");
          assertThat(Files.readString(keyFile)).contains("not base64");
        }
      }
    }

    @Test
    void shouldHaveAnotherProcessAppendUnderTheKeyThatReplacedItsOwn() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditForger.appendThree(log);
        try (ConfigurableApplicationContext other = own.startAnotherProcess()) {
          other.getBean(AuditKeyReplacement.class).replace(OPERATOR, "", Set.of());
        }

        // This process still holds only the old key; the head row tells it to reread the file.
        AuditEntry after = log.append("alice", "test.after", "thing:a", "", "local");

        AuditKeyRing ring = AuditKeyFile.read(own.dataDir().resolve(AuditKeyFile.NAME)).get();
        assertThat(
                ring.keys()
                    .get(ring.keys().size() - 1)
                    .authenticates(AuditHash.canonical(after), after.hash()))
            .isTrue();
        AuditVerification v = log.verify();
        assertThat(v.intact()).as(v.message()).isTrue();
        assertThat(v.keyedEntries()).isEqualTo(v.entries());
      }
    }

    @Test
    void shouldKeepTheOlderKeyOfABackupWhenOnlyTheNewerOneIsDeclaredLost() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditKeyReplacement replacement = own.bean(AuditKeyReplacement.class);
        AuditForger.appendThree(log);
        Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
        byte[] backup = Files.readAllBytes(keyFile); // taken before the rotation
        long rotatedAt = replacement.replace(OPERATOR, "rotation", Set.of()).entry().seq();
        AuditEntry underLostKey = log.append("alice", "test.after", "thing:a", "", "local");
        Files.write(keyFile, backup); // the newer file is lost; the old backup comes back

        AuditVerification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.keyMissing()).isTrue();
        assertThat(v.firstBroken()).contains(rotatedAt);
        assertThat(v.problem())
            .get()
            .asString()
            .contains("is missing the key of entries " + rotatedAt + "–" + underLostKey.seq());

        AuditKeyReplacement.Replaced r =
            replacement.replace(OPERATOR, "backup too old", Set.of(rotatedAt));

        assertThat(r.declaredLost())
            .containsExactly("entries " + rotatedAt + "–" + underLostKey.seq());
        AuditVerification after = log.verify();
        assertThat(after.intact()).as(after.message()).isTrue();
        // All but the two entries under the lost key are authenticated, the old ones included.
        assertThat(after.keyedEntries()).isEqualTo(after.entries() - 2);
        assertThat(after.caveat())
            .get()
            .asString()
            .startsWith("entries " + rotatedAt + "–" + underLostKey.seq() + " (written under");
      }
    }

    @Test
    void shouldNotTakeAnEntryForgedIntoAKeyReplacementAfterTheKeyFilesLastRangeForOne()
        throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditEntry second = AuditForger.appendThree(log).get(1);

        // A forger with the database but not the key relabels an entry as a key replacement, so
        // that it and the entries after it look like a range whose key is merely missing. A real
        // replacement carries the word of the key before it, which the forger cannot make.
        AuditForger.liftGuards(own);
        relabel(own, second.seq(), AuditKeyReplacement.ACTION);
        own.jdbc()
            .sql("UPDATE audit_log SET target = ? WHERE seq = ?")
            .params(
                "audit-key:" + second.seq() + AuditKeyReplacement.ATTESTED + "0".repeat(64),
                second.seq())
            .update();

        AuditVerification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.keyMissing()).isFalse();
        assertThat(v.firstBroken()).contains(second.seq());
        assertThat(v.problem()).get().asString().contains("the key before it did not attest");
        assertThatThrownBy(
                () -> own.bean(AuditKeyReplacement.class).replace(OPERATOR, "", Set.of()))
            .isInstanceOf(AuditKeyException.class)
            .hasMessageContaining("does not verify");
      }
    }

    @Test
    void shouldFindAForgedReplacementBeforeARealOneAndARealOneRelabelled() throws Exception {
      try (TestStore own = newStore()) {
        AuditLog log = own.bean(AuditLog.class);
        AuditEntry second = AuditForger.appendThree(log).get(1);
        long rotatedAt =
            own.bean(AuditKeyReplacement.class).replace(OPERATOR, "", Set.of()).entry().seq();
        AuditEntry after = log.append("alice", "test.after", "thing:a", "", "local");
        AuditForger.liftGuards(own);

        relabel(own, second.seq(), AuditKeyReplacement.ACTION);
        AuditVerification forged = log.verify();
        assertThat(forged.keyMissing()).isFalse();
        assertThat(forged.firstBroken()).contains(second.seq());
        assertThat(forged.problem()).get().asString().contains("(forged)");
        relabel(own, second.seq(), second.action());

        // Relabelling the real replacement would put the entries after it under the old key's
        // range (or a lost one): the key file still says a range starts there.
        relabel(own, rotatedAt, "test.hidden");
        own.jdbc()
            .sql("UPDATE audit_log SET detail = 'forged' WHERE seq = ?")
            .param(after.seq())
            .update();
        AuditVerification relabelled = log.verify();
        assertThat(relabelled.intact()).isFalse();
        assertThat(relabelled.keyMissing()).isFalse();
        assertThat(relabelled.firstBroken()).contains(rotatedAt);
        assertThat(relabelled.problem())
            .get()
            .asString()
            .contains("says a key starts at this entry, but it is not a key replacement");
      }
    }

    @Test
    void shouldKeepEntriesAfterADeclaredLossAuthenticatedWhenTheReplacementIsRelabelled()
        throws Exception {
      try (TestStore own = newStore()) {
        AuditForger.appendThree(own.bean(AuditLog.class));
        long firstKeyed = firstKeyedSeq(own);
        Files.delete(own.dataDir().resolve(AuditKeyFile.NAME));
        try (ConfigurableApplicationContext restarted = own.startAnotherProcess()) {
          AuditLog log = restarted.getBean(AuditLog.class);
          long replacedAt =
              restarted
                  .getBean(AuditKeyReplacement.class)
                  .replace(OPERATOR, "", Set.of(firstKeyed))
                  .entry()
                  .seq();
          AuditEntry after = log.append("alice", "test.after", "thing:a", "", "local");
          AuditForger.liftGuards(own);

          // The forger hides the replacement, hoping the entries after it fall in the lost range.
          relabel(own, replacedAt, "test.hidden");
          own.jdbc()
              .sql("UPDATE audit_log SET detail = 'forged' WHERE seq = ?")
              .param(after.seq())
              .update();

          AuditVerification v = log.verify();
          assertThat(v.intact()).isFalse();
          assertThat(v.firstBroken()).contains(replacedAt);
        }
      }
    }

    private static void relabel(TestStore s, long seq, String action) {
      s.jdbc().sql("UPDATE audit_log SET action = ? WHERE seq = ?").params(action, seq).update();
    }

    /**
     * A rotation whose process stopped after the commit, before it confirmed the key in the file:
     * the file holds the new key as pending. Returns the replacement's entry.
     */
    private static long replaceLeavingItPending(TestStore own) throws Exception {
      Path keyFile = own.dataDir().resolve(AuditKeyFile.NAME);
      byte[] before = Files.readAllBytes(keyFile);
      long at = own.bean(AuditKeyReplacement.class).replace(OPERATOR, "", Set.of()).entry().seq();
      AuditKey made = AuditKeyFile.read(keyFile).orElseThrow().startingAt(at).orElseThrow();
      Files.write(keyFile, before);
      AuditKeyFile.replace(
          keyFile, AuditKeyFile.read(keyFile).orElseThrow().withPending(made, List.of()));
      return at;
    }

    private static long firstKeyedSeq(TestStore s) {
      return s.jdbc()
          .sql("SELECT MIN(seq) FROM audit_log WHERE hash_alg <> 'sha256'")
          .query(Long.class)
          .single();
    }
  }
}
