package io.ward.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: one key as Ward first wrote it, a keyring after replacements, damaged files. */
class AuditKeyFileTest {
  @TempDir Path dir;

  private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void shouldReadTheOneKeyFileOfWardBeforeKeyReplacement() throws Exception {
    Path file = write("# a comment\nfrom-seq=7\nhmac-sha256=" + SECRET + "\n");

    AuditKeyRing ring = AuditKeyFile.read(file).orElseThrow();

    assertThat(ring.keys()).extracting(AuditKey::fromSeq).containsExactly(7L);
    assertThat(ring.initialKey()).isPresent();
    assertThat(ring.lostRanges()).isEmpty();
  }

  @Test
  void shouldWriteAndReadBackAKeyringWithALostRange() throws Exception {
    Path file = dir.resolve(AuditKeyFile.NAME);
    AuditKeyRing first = AuditKeyFile.create(file, 1);
    // A backup from before the key of entries 40-89 was made, that key declared lost.
    AuditKeyRing ring = first.withPending(AuditKeyFile.newKey(90), List.of(40L)).confirmed();

    AuditKeyFile.replace(file, ring);
    AuditKeyRing back = AuditKeyFile.read(file).orElseThrow();

    assertThat(ring.keys()).extracting(AuditKey::fromSeq).containsExactly(1L, 90L);
    assertThat(back.keys()).extracting(AuditKey::fromSeq).containsExactly(1L, 90L);
    assertThat(back.lostRanges()).containsExactly(40L);
    assertThat(back.rangeStarts()).containsExactly(1L, 40L, 90L);
    assertThat(back.startingAt(90).orElseThrow().secret())
        .isEqualTo(ring.startingAt(90).orElseThrow().secret());
    assertThat(Files.readString(file))
        .containsSubsequence("from-seq=1", "lost-from-seq=40", "from-seq=90");
  }

  @Test
  void shouldKeepAPendingReplacementApartUntilItIsConfirmed() throws Exception {
    Path file = dir.resolve(AuditKeyFile.NAME);
    // The key of entries 1-19, with the one of 20-29 (made later) not in this file.
    AuditKeyRing first = AuditKeyFile.create(file, 1);
    AuditKey next = AuditKeyFile.newKey(30);

    AuditKeyFile.replace(file, first.withPending(next, List.of(20L)));
    AuditKeyRing back = AuditKeyFile.read(file).orElseThrow();

    assertThat(back.keys()).extracting(AuditKey::fromSeq).containsExactly(1L);
    assertThat(back.lostRanges()).isEmpty();
    assertThat(back.rangeStarts()).containsExactly(1L);
    assertThat(back.startingAt(30).orElseThrow().secret()).isEqualTo(next.secret());
    assertThat(back.pending().orElseThrow().lostFrom()).containsExactly(20L);
    assertThat(back.withoutPending().startingAt(30)).isEmpty();
    assertThat(back.confirmed().rangeStarts()).containsExactly(1L, 20L, 30L);
    assertThat(back.confirmed().lost(20)).isTrue();
    assertThatThrownBy(() -> back.withPending(AuditKeyFile.newKey(1), List.of()))
        .hasMessageContaining("not after every other range");
  }

  @Test
  void shouldNameTheFileAndTheProblemOfADamagedKeyFile() throws Exception {
    String[][] cases = {
      {"from-seq=1\n", "from-seq=1 has no hmac-sha256= line after it"},
      {"from-seq=1\nfrom-seq=2\n", "from-seq=1 has no hmac-sha256= line after it"},
      {
        "hmac-sha256=" + SECRET + "\n", "line 1: an hmac-sha256= line without a from-seq= before it"
      },
      {"from-seq=one\nhmac-sha256=" + SECRET + "\n", "line 1: from-seq=one is not an entry number"},
      {"from-seq=1\nhmac-sha256=" + SECRET + "\nsecret=x\n", "line 3: unknown line 'secret='"},
      {"from-seq=1\nhmac-sha256=c2hvcnQ=\n", "an audit key has 32 bytes, not 5"},
      {"from-seq=1\nhmac-sha256=not-base64!\n", "line 2: hmac-sha256= is not base64"},
      {
        "from-seq=1\nhmac-sha256=" + SECRET + "\npending-lost-from-seq=1\n",
        "pending-lost-from-seq= without a pending key"
      },
      {"lost-from-seq=3\n", "it needs a from-seq= and an hmac-sha256= line"},
      {
        "from-seq=1\nhmac-sha256=" + SECRET + "\nfrom-seq=1\nhmac-sha256=" + SECRET + "\n",
        "two audit keys cover entries from 1"
      },
    };
    for (String[] c : cases) {
      Path file = write(c[0]);
      assertThatThrownBy(() -> AuditKeyFile.read(file))
          .as(c[0])
          .isInstanceOf(AuditKeyException.class)
          .hasMessage("the audit key " + file + " is damaged: " + c[1]);
    }
  }

  @Test
  void shouldSayABinaryKeyFileIsNotText() throws Exception {
    Path file = Files.createTempFile(dir, "audit", ".key");
    Files.write(file, new byte[] {'f', 'r', (byte) 0xff, (byte) 0xfe, 0, 1});

    assertThatThrownBy(() -> AuditKeyFile.read(file))
        .isInstanceOf(AuditKeyException.class)
        .hasMessage(
            "the audit key " + file + " is damaged: it is not text (bytes that are not UTF-8)");
  }

  private Path write(String text) throws Exception {
    Path file = Files.createTempFile(dir, "audit", ".key");
    Files.writeString(file, text);
    return file;
  }
}
