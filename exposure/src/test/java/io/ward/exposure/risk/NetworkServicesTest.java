package io.ward.exposure.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.exposure.match.RealAdvisories;
import io.ward.model.exposure.Advisory;
import io.ward.model.exposure.Vulnerability;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service table, case by case, and how an advisory's text is read. */
class NetworkServicesTest {

  private static final NetworkServices TABLE = NetworkServices.defaults();

  private static String services(String text) {
    return TABLE.find(text).map(m -> String.join("+", m.services())).orElse("none");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "The device provides insecure telnet services | Telnet",
        "telnetd accepts an empty password | Telnet",
        "a hard-coded FTP password | FTP",
        "the ftpd daemon crashes | FTP",
        "explicit FTPS on port 21 | FTP",
        // SFTP runs over SSH and TFTP is its own service: neither is FTP.
        "files are copied with SFTP | SSH",
        "firmware is loaded over TFTP | TFTP",
        "the Secure Shell server | SSH",
        "The SMBv1 server in Microsoft Windows | SMB",
        "Microsoft Server Message Block 1.0 (SMBv1) | SMB",
        "a CIFS share | SMB",
        // HTTP is not found inside HTTPS, but both name the web server.
        "crafted HTTP requests to the web server | web server",
        "only reachable over HTTPS | web server",
        "the web-based management interface | web server",
        "the embedded web server | web server",
        "SNMPv2c community strings | SNMP",
        "a malformed DICOM association | DICOM",
        "the service class provider (SCP) writes files | DICOM",
        "a crafted C-STORE request | DICOM",
        // DICOM also names a file format: files from media or a viewer are no network service.
        "while processing DICOM files | none",
        "the DICOM Viewer | none",
        "DICOMweb requests | web server",
        "HL7 messages over MLLP | HL7",
        "connects using RDP and sends crafted requests | RDP",
        "Remote Desktop Services (formerly Terminal Services) | RDP",
        "the insite password for the WinVNC Login | VNC",
        "an MQTT broker | MQTT",
        "password of 2getin for (1) Telnet and (2) FTP | Telnet+FTP",
        // Not services: words that merely contain a service's letters.
        "the SMBus controller | none",
        "an overflow of TCP packets | none",
        "Webmin interface | none",
        "a remote desktop access vulnerability | none",
        "the serial number is shown | none",
        // Named, but served protocols cannot judge them.
        "over Bluetooth Low Energy | Bluetooth",
        "through the USB port | USB or serial port",
        "requires physical access | physical access",
        "an SSL certificate vulnerability | TLS",
        "allows man-in-the-middle attacks on HTTPS | web server+TLS",
        "the HP Client automation service | client",
      })
  void shouldRecogniseServicesAsWholeWords(String text, String expected) {
    assertThat(services(text)).isEqualTo(expected);
  }

  @Test
  void shouldNotTakeAUrlSchemeForAService() {
    assertThat(
            TABLE.find(
                "Buffer overflow in the parser, see https://www.cisa.gov/x and ftp://ftp.example.org"))
        .isEmpty();
  }

  @Test
  void shouldListEveryProtocolIdThatShowsTheServiceInUse() {
    ServiceMention web = TABLE.find("the web server").orElseThrow();
    assertThat(web.protocols()).containsExactlyInAnyOrder("http", "https", "tls");
    assertThat(web.notJudged()).isEmpty();
    ServiceMention both = TABLE.find("Telnet and FTP").orElseThrow();
    assertThat(both.protocols()).contains("telnet", "ftp").doesNotContain("http");
    assertThat(both.label()).isEqualTo("Telnet or FTP");
  }

  @Test
  void shouldNotJudgeWhenAServiceAndABlockerAreBothNamed() {
    ServiceMention m =
        TABLE.find("over HTTPS, which allows man-in-the-middle attackers to read it").orElseThrow();
    assertThat(m.notJudged()).hasValueSatisfying(r -> assertThat(r).contains("client"));
    assertThat(m.quote()).contains("man-in-the-middle");
  }

  @Test
  void shouldQuoteTheSentenceThatNamesTheService() {
    ServiceMention m =
        TABLE
            .find(
                "The device is susceptible to a denial of service. The device provides insecure"
                    + " telnet services that lack authentication requirements. An attacker may"
                    + " access the operating system.")
            .orElseThrow();
    assertThat(m.quote())
        .isEqualTo(
            "The device provides insecure telnet services that lack authentication requirements.");
  }

  @Test
  void shouldShortenALongSentenceAroundTheService() {
    String filler = "word ".repeat(80);
    String quote = TABLE.find(filler + "Telnet " + filler).orElseThrow().quote();
    assertThat(quote).startsWith("…").endsWith("…").contains("Telnet");
    assertThat(quote.length()).isLessThanOrEqualTo(170);
  }

  /**
   * icsma-17-250-02a repeats every earlier vulnerability's paragraph in each summary: only the part
   * ending with the vulnerability's own CVE id speaks of it.
   */
  @Test
  void shouldReadOnlyTheOwnParagraphOfARepeatedCsafSummary() {
    Advisory a = RealAdvisories.icsma("icsma-17-250-02a");
    assertThat(mention(a, "CVE-2017-12720"))
        .hasValueSatisfying(m -> assertThat(m.services()).containsExactly("FTP"));
    assertThat(mention(a, "CVE-2017-12726"))
        .hasValueSatisfying(m -> assertThat(m.services()).containsExactly("Telnet"));
    // Certificate validation: the summary repeats the FTP and Telnet paragraphs before it.
    assertThat(mention(a, "CVE-2017-12721"))
        .hasValueSatisfying(m -> assertThat(m.services()).containsExactly("TLS"));
    assertThat(mention(a, "CVE-2017-12718")).isEmpty();
  }

  @Test
  void shouldReadAnNvdTextThatNamesOtherCvesWhole() {
    Advisory a = RealAdvisories.icsma("icsma-18-058-02");
    assertThat(mention(a, "CVE-2017-0143"))
        .hasValueSatisfying(m -> assertThat(m.services()).containsExactly("SMB"));
  }

  @Test
  void shouldGiveNothingForALocalFlawEvenWhenItsTextNamesAService() {
    Advisory a = RealAdvisories.icsma("icsma-18-058-02");
    Vulnerability office = vulnerability(a, "CVE-2017-0199"); // AV:L
    Vulnerability withService =
        new Vulnerability(
            office.cve(),
            office.ids(),
            office.cwes(),
            Optional.of("Telnet"),
            office.description(),
            office.scores(),
            office.productStatus(),
            office.remediations(),
            office.flags(),
            office.threats(),
            office.ssvc(),
            office.references());
    assertThat(TABLE.reachedThrough(withService, Optional.empty())).isEmpty();
  }

  @Test
  void shouldReadTheMatchedProductsName() {
    Advisory a = RealAdvisories.icsma("icsma-19-113-01");
    Vulnerability dos = vulnerability(a, "CVE-2019-10948");
    assertThat(TABLE.reachedThrough(dos, Optional.of("FCR Capsula X"))).isEmpty();
    assertThat(TABLE.reachedThrough(dos, Optional.of("Acme Telnet Gateway")))
        .hasValueSatisfying(m -> assertThat(m.services()).containsExactly("Telnet"));
  }

  @Test
  void shouldRejectABadTableLineNamingIt() {
    assertThatThrownBy(() -> NetworkServices.parse(List.of("# c", "Telnet\ttelnet"), "t.tsv"))
        .hasMessageContaining("t.tsv line 2");
    assertThatThrownBy(() -> NetworkServices.parse(List.of("X\tx\t(unclosed"), "t.tsv"))
        .hasMessageContaining("does not compile");
    assertThatThrownBy(() -> NetworkServices.parse(List.of("X\t-\tx"), "t.tsv"))
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> NetworkServices.parse(List.of("X\tTel Net\tx"), "t.tsv"))
        .hasMessageContaining("lower-case");
  }

  private static Optional<ServiceMention> mention(Advisory a, String cve) {
    return TABLE.reachedThrough(vulnerability(a, cve), Optional.empty());
  }

  private static Vulnerability vulnerability(Advisory a, String cve) {
    return a.vulnerabilities().stream()
        .filter(v -> v.cve().equals(Optional.of(cve)))
        .findFirst()
        .orElseThrow();
  }
}
