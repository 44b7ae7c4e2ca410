package io.ward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The medical device models of the synthetic corpus: real makers (every spelling the vendor alias
 * table knows, as OUI registrations, DHCP vendor classes and advisories write them) and generated
 * ones, families and model numbers in the makers' styles, and firmware in the makers' version
 * schemes ({@code B.06.18}, {@code M.04}, {@code V2.1.3 SP2}, {@code 4.2.1-b17}, {@code 12.1.2},
 * {@code VF8.1}).
 *
 * @param vendor the maker as advisories name it
 * @param spellings the maker's names as devices show them (OUI, DHCP, HTTP banners)
 * @param family the product family, e.g. {@code IntelliVue}
 * @param model the model, e.g. {@code MX450}
 * @param kind the device kind word, e.g. {@code Patient Monitor}
 * @param firmware firmware versions, oldest first
 */
record ExposureDeviceModels(
    String vendor,
    List<String> spellings,
    String family,
    String model,
    String kind,
    List<String> firmware) {

  /** Real makers: advisory name, then device-side spellings. */
  private static final String[][] MAKERS = {
    {
      "GE Healthcare",
      "GE Medical Systems Information Technologies",
      "GE Medical Systems (China) Co., Ltd.",
      "GE HealthCare Technologies Inc.",
      "Datex-Ohmeda"
    },
    {
      "Philips",
      "Philips Medical Systems",
      "Koninklijke Philips N.V.",
      "Philips Healthcare",
      "Respironics"
    },
    {
      "BD",
      "Becton, Dickinson and Company",
      "CareFusion",
      "Alaris Medical Systems",
      "Cardinal Health 303"
    },
    {"Baxter", "Baxter Healthcare Corporation", "Hill-Rom", "Welch Allyn, Inc."},
    {"Dräger", "Drägerwerk AG & Co. KGaA", "Draeger Medical GmbH", "Draeger"},
    {"B. Braun", "B. Braun Melsungen AG", "B. Braun Medical Inc.", "BBraun"},
    {"Medtronic", "Medtronic MiniMed", "Covidien", "Medtronic plc"},
    {"Siemens Healthineers", "Siemens Healthcare GmbH", "Siemens Medical Solutions USA"},
    {"Fresenius Kabi", "Fresenius Kabi AG", "Fresenius Medical Care"},
    {"Smiths Medical", "Smiths Medical ASD, Inc.", "ICU Medical", "Medfusion"},
    {"Mindray", "Shenzhen Mindray Bio-Medical Electronics Co., Ltd.", "Mindray DS USA"},
    {"Spacelabs Healthcare", "Spacelabs Medical", "OSI Systems"},
    {"Nihon Kohden", "Nihon Kohden Corporation"},
    {"Masimo", "Masimo Corporation"},
    {"ZOLL", "ZOLL Medical Corporation"},
    {"Stryker", "Stryker Corporation", "Physio-Control"},
    {"Abbott", "Abbott Laboratories", "St. Jude Medical"},
    {"Hamilton Medical", "Hamilton Medical AG"},
    {"Canon Medical Systems", "Toshiba Medical Systems"},
    {"Fujifilm", "FUJIFILM Corporation", "Fujifilm Medical Systems"},
    {"Carestream", "Carestream Health"},
    {"Natus", "Natus Medical Incorporated"},
    {"Biotronik", "BIOTRONIK SE & Co. KG"},
    {"Boston Scientific", "Boston Scientific Corporation"},
    {"Capsule Technologies", "Qualcomm Life", "Capsule Tech"},
    {"Roche Diagnostics", "F. Hoffmann-La Roche AG", "Roche"},
  };

  private static final String[] FAMILIES = {
    "IntelliVue",
    "CARESCAPE",
    "Alaris",
    "Infinity",
    "Evita",
    "Sigma",
    "Spectrum",
    "Plum",
    "Space",
    "Perseus",
    "Vista",
    "Aisys",
    "Dash",
    "Solar",
    "Apex",
    "Prisma",
    "Vivid",
    "Optima",
    "Revolution",
    "Signa",
    "Lumina",
    "Sentry",
    "Guardian",
    "Nova",
    "Medley",
    "Connex",
    "Centricity",
    "Xper",
    "Azurion",
    "Artis",
    "Acuson",
    "Atellica",
    "Cobas",
    "Accu-Chek",
    "Radical",
    "Rad",
    "Pulsara",
    "Hemosphere",
    "CareLink",
    "Puritan Bennett",
    "Vitalink",
    "Orchestra",
    "Agilia"
  };

  private static final String[] KINDS = {
    "Patient Monitor", "Infusion Pump", "Ventilator", "Anesthesia Workstation", "Gateway",
    "Central Station", "Syringe Pump", "Ultrasound System", "CT Scanner", "MR System",
    "X-Ray System", "Analyzer", "Telemetry Transmitter", "Defibrillator", "Pulse Oximeter",
    "Dialysis System", "Glucose Meter", "Workstation", "Imaging Server", "Bedside Hub"
  };

  /** {@code count} models, a third of them from real makers. */
  static List<ExposureDeviceModels> generate(SplittableRandom rnd, int count) {
    List<ExposureDeviceModels> out = new ArrayList<>();
    List<String[]> makers = new ArrayList<>(List.of(MAKERS));
    int generatedMakers = Math.max(10, count / 12);
    for (int i = 0; i < generatedMakers; i++) {
      String name = ExposureSoftware.display(ExposureSoftware.word(rnd, 2 + rnd.nextInt(2)));
      String suffix = rnd.nextBoolean() ? " Medical" : " Healthcare";
      makers.add(
          new String[] {
            name + suffix, name + suffix + " Inc.", name + suffix + " Systems GmbH", name
          });
    }
    for (int i = 0; i < count; i++) {
      String[] maker =
          rnd.nextInt(3) == 0
              ? makers.get(rnd.nextInt(MAKERS.length))
              : makers.get(MAKERS.length + rnd.nextInt(generatedMakers));
      List<String> spellings = List.of(maker);
      String family = FAMILIES[rnd.nextInt(FAMILIES.length)];
      String model = modelNumber(rnd);
      String kind = KINDS[rnd.nextInt(KINDS.length)];
      out.add(
          new ExposureDeviceModels(
              maker[0], spellings, family, model, kind, firmware(rnd, 2 + rnd.nextInt(5))));
    }
    return out;
  }

  private static String modelNumber(SplittableRandom rnd) {
    switch (rnd.nextInt(5)) {
      case 0:
        return (char) ('A' + rnd.nextInt(26)) + String.valueOf(100 + rnd.nextInt(900));
      case 1:
        return ""
            + (char) ('A' + rnd.nextInt(26))
            + (char) ('A' + rnd.nextInt(26))
            + (10 + rnd.nextInt(990));
      case 2:
        return String.valueOf(1000 + rnd.nextInt(9000));
      case 3:
        return (char) ('A' + rnd.nextInt(26)) + String.valueOf(10 + rnd.nextInt(90)) + " Plus";
      default:
        return "Model " + (100 + rnd.nextInt(9900));
    }
  }

  /** Firmware in one of the makers' schemes, oldest first. */
  static List<String> firmware(SplittableRandom rnd, int n) {
    int scheme = rnd.nextInt(6);
    List<String> out = new ArrayList<>();
    int a = rnd.nextInt(3);
    int b = rnd.nextInt(8);
    int c = rnd.nextInt(20);
    char letter = (char) ('A' + rnd.nextInt(12));
    for (int i = 0; i < n; i++) {
      switch (scheme) {
        case 0:
          out.add(letter + "." + pad(b) + "." + pad(c));
          break;
        case 1:
          out.add(letter + "." + pad(b));
          break;
        case 2:
          out.add("V" + (a + 1) + "." + b + "." + c + (c % 3 == 0 ? "" : " SP" + (c % 3)));
          break;
        case 3:
          out.add((a + 1) + "." + b + "." + c + "-b" + (10 + c));
          break;
        case 4:
          out.add((a + 8) + "." + b + "." + c);
          break;
        default:
          out.add("VF" + (a + 1) + "." + b);
      }
      c += 1 + rnd.nextInt(3);
      if (rnd.nextInt(3) == 0) {
        b++;
        c = 0;
        if (scheme <= 1 && rnd.nextInt(3) == 0) {
          letter++;
          b = 0;
        }
      }
    }
    return List.copyOf(out);
  }

  private static String pad(int n) {
    return n < 10 ? "0" + n : String.valueOf(n);
  }

  /** The product name as advisories write it, e.g. {@code IntelliVue MX450}. */
  String productName() {
    return family + " " + model;
  }
}
