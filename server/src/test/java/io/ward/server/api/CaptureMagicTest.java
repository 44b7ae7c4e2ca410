package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaptureMagicTest {

  @Test
  void shouldAcceptRealPcapAndPcapngFilesAndGiveBackEveryByte() throws Exception {
    for (String f : new String[] {Fixtures.HL7, Fixtures.DICOM}) {
      byte[] bytes = Files.readAllBytes(TestData.file(f));
      Optional<InputStream> in = CaptureMagic.open(new ByteArrayInputStream(bytes));
      assertThat(in).as(f).isPresent();
      assertThat(in.get().readAllBytes()).isEqualTo(bytes);
    }
  }

  @Test
  void shouldAcceptGzipAndBothPcapByteOrders() {
    assertThat(CaptureMagic.matches(new byte[] {0x1f, (byte) 0x8b, 8, 0})).isTrue();
    assertThat(
            CaptureMagic.matches(new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3, (byte) 0xd4}))
        .isTrue();
    assertThat(CaptureMagic.matches(new byte[] {0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1})).isTrue();
  }

  @Test
  void shouldRefuseTextShortAndEmptyFiles() throws Exception {
    assertThat(
            CaptureMagic.open(
                new ByteArrayInputStream("mac,ip\n".getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
    assertThat(CaptureMagic.open(new ByteArrayInputStream(new byte[] {0x0a, 0x0d}))).isEmpty();
    assertThat(CaptureMagic.open(new ByteArrayInputStream(new byte[0]))).isEmpty();
  }
}
