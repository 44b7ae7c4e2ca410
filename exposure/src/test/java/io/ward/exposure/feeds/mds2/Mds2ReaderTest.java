package io.ward.exposure.feeds.mds2;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.model.exposure.CapabilityDeclaration;
import io.ward.model.exposure.Mds2AnswerValue;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.SecurityCapability;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mds2ReaderTest {

  /** Rows in the HN 1-2019 layout: question id, question, response, note. */
  private static final String[][] FORM = {
    {"DOC-1", "Manufacturer Name", "Example Infusion Systems", ""},
    {"DOC-2", "Device Description", "Large volume infusion pump", ""},
    {"DOC-3", "Device Model", "LVP-8015", ""},
    {"DOC-4", "Document ID", "MDS2-LVP-2024", ""},
    {"DOC-7", "Document Release Date", "2024-03-01", ""},
    {
      "DOC-8",
      "Coordinated Vulnerability Disclosure: Does the manufacturer have a vulnerability disclosure program for this device?",
      "Yes",
      ""
    },
    {
      "MPII-1",
      "Can this device display, transmit, store, or modify personally identifiable information (e.g. electronic Protected Health Information (ePHI))?",
      "Yes",
      ""
    },
    {
      "ALOF-1",
      "Can the device be configured to force reauthorization of logged-in user(s) after a predetermined length of inactivity?",
      "No",
      ""
    },
    {
      "AUDT-1",
      "Can the medical device create additional audit logs or reports beyond standard operating system logs?",
      "Yes",
      ""
    },
    {
      "AUTH-1",
      "Does the device prevent access to unauthorized users through user login requirements or other mechanism?",
      "Yes",
      "Clinician PIN"
    },
    {
      "CSUP-2.1",
      "Does the device documentation provide instructions for owner/operator installation of patches or software updates?",
      "No",
      ""
    },
    {
      "CSUP-2.2",
      "Does the device require vendor or vendor-authorized service to install patches or software updates?",
      "Yes",
      ""
    },
    {
      "CSUP-2.3",
      "Does the device have the capability to receive remote installation of patches or software updates?",
      "N/A",
      ""
    },
    {
      "MLDP-2",
      "Does the device support the use of anti-malware software (or other anti-malware mechanism)?",
      "No",
      ""
    },
    {"PAUT-8", "Does the device support multi-factor authentication?", "", ""},
    {
      "RMOT-1",
      "Does the device permit remote service connections for device analysis or repair?",
      "See Note",
      "Only over the vendor VPN"
    },
    {"SBOM-1", "Is the SBoM for this product available?", "Yes", ""},
    {"STCF-1", "Can the device encrypt data at rest?", "No", ""},
    {
      "TXCF-2",
      "Is personally identifiable information encrypted prior to transmission via a network or removable media?",
      "Yes",
      ""
    },
    {
      "TXIG-1",
      "Does the device support any mechanism (e.g., digital signatures) intended to ensure data is not modified during transmission?",
      "No",
      ""
    },
  };

  @TempDir Path dir;

  private final Mds2Reader reader = new Mds2Reader();

  @Test
  void shouldReadAnswersAndDeclaredCapabilitiesFromAHn12019Workbook() throws IOException {
    Path file = workbook("form.xlsx", true);

    FeedResult<Mds2Form> result = reader.read(file, Optional.of("12.1.3"));

    assertThat(result.problems()).isEmpty();
    Mds2Form form = result.items().get(0);
    assertThat(form.manufacturer()).isEqualTo("Example Infusion Systems");
    assertThat(form.model()).isEqualTo("LVP-8015");
    assertThat(form.version()).contains("12.1.3");
    assertThat(form.documentId()).contains("MDS2-LVP-2024");
    assertThat(form.answers()).hasSize(FORM.length);
    assertThat(form.answer("AUTH-1").orElseThrow().note()).contains("Clinician PIN");
    assertThat(form.answer("DOC-8").orElseThrow().value()).isEqualTo(Mds2AnswerValue.YES);
    assertThat(declared(form, SecurityCapability.ENCRYPTION_IN_TRANSIT))
        .isEqualTo(Mds2AnswerValue.YES);
    assertThat(declared(form, SecurityCapability.ENCRYPTION_AT_REST)).isEqualTo(Mds2AnswerValue.NO);
    assertThat(declared(form, SecurityCapability.MALWARE_PROTECTION)).isEqualTo(Mds2AnswerValue.NO);
    assertThat(declared(form, SecurityCapability.REMOTE_SERVICE))
        .isEqualTo(Mds2AnswerValue.SEE_NOTE);
    assertThat(declared(form, SecurityCapability.VENDOR_INSTALLS_PATCHES))
        .isEqualTo(Mds2AnswerValue.YES);
    assertThat(declared(form, SecurityCapability.SBOM_AVAILABLE)).isEqualTo(Mds2AnswerValue.YES);
    assertThat(form.capability(SecurityCapability.MULTI_FACTOR_AUTHENTICATION)).isEmpty();
    assertThat(form.capability(SecurityCapability.AUDIT_LOGGING).orElseThrow().questionIds())
        .containsExactly("AUDT-1");
  }

  @Test
  void shouldReadAWorkbookWithoutHeaderRow() throws IOException {
    Mds2Form form = reader.read(workbook("bare.xlsx", false), Optional.empty()).items().get(0);

    assertThat(form.model()).isEqualTo("LVP-8015");
    assertThat(declared(form, SecurityCapability.AUTHENTICATION)).isEqualTo(Mds2AnswerValue.YES);
  }

  @Test
  void shouldReportAFileThatIsNotAWorkbook() throws IOException {
    Path text = dir.resolve("form.xlsx");
    Files.writeString(text, "Question ID,Question,Answer\nDOC-1,Manufacturer,Acme\n");
    Path cut = dir.resolve("cut.xlsx");
    byte[] good = Files.readAllBytes(workbook("good.xlsx", true));
    Files.write(cut, Arrays.copyOf(good, good.length / 2));

    for (Path bad : new Path[] {text, cut}) {
      FeedResult<Mds2Form> result = reader.read(bad, Optional.empty());
      assertThat(result.items()).isEmpty();
      assertThat(result.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.file()).isEqualTo(bad.toString());
                assertThat(p.message()).startsWith("not a readable MDS2 workbook");
              });
    }
  }

  @Test
  void shouldRejectAFormWithoutDeviceModel() throws IOException {
    Path file = dir.resolve("nomodel.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Row row = wb.createSheet("MDS2").createRow(0);
      row.createCell(0).setCellValue("DOC-1");
      row.createCell(1).setCellValue("Manufacturer Name");
      row.createCell(2).setCellValue("Acme");
      write(wb, file);
    }

    FeedResult<Mds2Form> result = reader.read(file, Optional.empty());

    assertThat(result.items()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location()).contains("DOC-3"));
  }

  private static Mds2AnswerValue declared(Mds2Form form, SecurityCapability capability) {
    return form.capability(capability).map(CapabilityDeclaration::value).orElseThrow();
  }

  private Path workbook(String name, boolean header) throws IOException {
    Path file = dir.resolve(name);
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("MDS2");
      int r = 0;
      sheet
          .createRow(r++)
          .createCell(0)
          .setCellValue("Manufacturer Disclosure Statement for Medical Device Security -- MDS2");
      if (header) {
        Row h = sheet.createRow(r++);
        String[] titles = {"Question ID", "Question", "Response", "Notes"};
        for (int c = 0; c < titles.length; c++) {
          h.createCell(c).setCellValue(titles[c]);
        }
      }
      for (String[] line : FORM) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < line.length; c++) {
          if (!line[c].isEmpty()) {
            row.createCell(c).setCellValue(line[c]);
          }
        }
      }
      write(wb, file);
    }
    return file;
  }

  private static void write(XSSFWorkbook wb, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      wb.write(out);
    }
  }
}
