package io.ward.exposure.feeds.mds2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ward.exposure.feeds.FeedProblem;
import io.ward.exposure.feeds.FeedResult;
import io.ward.model.exposure.CapabilityDeclaration;
import io.ward.model.exposure.Mds2Answer;
import io.ward.model.exposure.Mds2AnswerValue;
import io.ward.model.exposure.Mds2Form;
import io.ward.model.exposure.SecurityCapability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads an MDS2 form (ANSI/NEMA HN 1-2019 workbook, .xlsx or .xls) through Apache POI: every row
 * whose first cell is a question id ({@code DOC-1}, {@code MPII-2.1}, {@code TXCF-2} …) with the
 * question, the manufacturer's response and the note, then the security capabilities those answers
 * declare ({@code capabilities.yaml}). Column positions come from the header row ("Question ID",
 * "Question", "Response"/"Answer", "Note"/"Comments"); without one, the row's next cells are taken
 * in that order.
 */
public final class Mds2Reader {

  private static final Pattern QUESTION_ID =
      Pattern.compile("[A-Z]{3,4}-\\d{1,2}(?:\\.\\d{1,2}){0,2}");
  private static final int MAX_SHEETS = 32;
  private static final int MAX_ROWS = 5_000;
  private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private static final Map<SecurityCapability, List<String>> CAPABILITIES = loadCapabilities();

  /** Reads one workbook; {@code version} names the software version the form covers, if known. */
  public FeedResult<Mds2Form> read(Path file, Optional<String> version) {
    List<FeedProblem> problems = new ArrayList<>();
    Map<String, Mds2Answer> answers = new LinkedHashMap<>();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return FeedResult.failed(FeedProblem.error(file, "file too large for an MDS2 workbook"));
      }
      try (InputStream in = Files.newInputStream(file);
          Workbook workbook = WorkbookFactory.create(in)) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        for (int s = 0; s < workbook.getNumberOfSheets() && s < MAX_SHEETS; s++) {
          readSheet(workbook.getSheetAt(s), formatter, answers, file, problems);
        }
      }
    } catch (IOException | RuntimeException e) {
      // POI throws NotOfficeXmlFileException, OLE2NotOfficeXmlFileException, RecordFormatException…
      return FeedResult.failed(
          FeedProblem.error(file, "not a readable MDS2 workbook (.xlsx/.xls): " + e.getMessage()));
    }
    Optional<String> manufacturer = text(answers, "DOC-1");
    Optional<String> model = text(answers, "DOC-3");
    if (answers.isEmpty()) {
      problems.add(FeedProblem.error(file, "no MDS2 question rows (DOC-1, MPII-1, …) found"));
      return new FeedResult<>(List.of(), problems);
    }
    if (manufacturer.isEmpty() || model.isEmpty()) {
      problems.add(
          FeedProblem.error(
              file,
              manufacturer.isEmpty() ? "DOC-1" : "DOC-3",
              "MDS2 form without manufacturer (DOC-1) or device model (DOC-3), not imported"));
      return new FeedResult<>(List.of(), problems);
    }
    Mds2Form form =
        new Mds2Form(
            manufacturer.get(),
            model.get(),
            version,
            text(answers, "DOC-4"),
            text(answers, "DOC-7"),
            answers,
            capabilities(answers),
            file.toString());
    return new FeedResult<>(List.of(form), problems);
  }

  private static void readSheet(
      Sheet sheet,
      DataFormatter formatter,
      Map<String, Mds2Answer> answers,
      Path file,
      List<FeedProblem> problems) {
    int[] columns = null; // id, question, answer, note
    int rows = 0;
    for (Row row : sheet) {
      if (++rows > MAX_ROWS) {
        problems.add(
            FeedProblem.warning(
                file, sheet.getSheetName(), "more than " + MAX_ROWS + " rows, rest ignored"));
        return;
      }
      List<String> cells = cells(row, formatter);
      int[] header = header(cells);
      if (header != null) {
        columns = header;
        continue;
      }
      int idAt = columns != null ? columns[0] : firstNonEmpty(cells);
      if (idAt < 0 || idAt >= cells.size()) {
        continue;
      }
      String id = cells.get(idAt).trim().toUpperCase(Locale.ROOT);
      if (!QUESTION_ID.matcher(id).matches()) {
        continue;
      }
      String question = cell(cells, columns != null ? columns[1] : idAt + 1);
      String answer = cell(cells, columns != null ? columns[2] : idAt + 2);
      String note = cell(cells, columns != null ? columns[3] : idAt + 3);
      if (answers.containsKey(id)) {
        problems.add(
            FeedProblem.warning(
                file,
                sheet.getSheetName() + " row " + (row.getRowNum() + 1),
                id + " answered twice, first kept"));
        continue;
      }
      answers.put(
          id,
          new Mds2Answer(
              id,
              question,
              value(id, answer),
              answer,
              note.isBlank() ? Optional.empty() : Optional.of(note)));
    }
  }

  private static List<String> cells(Row row, DataFormatter formatter) {
    List<String> out = new ArrayList<>();
    int last = Math.min(row.getLastCellNum(), 64);
    for (int c = 0; c < last; c++) {
      Cell cell = row.getCell(c);
      out.add(cell == null ? "" : formatter.formatCellValue(cell).trim());
    }
    return out;
  }

  /** Column indexes when {@code cells} is the header row, else null. */
  private static int[] header(List<String> cells) {
    int id = -1;
    int question = -1;
    int answer = -1;
    int note = -1;
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i).toLowerCase(Locale.ROOT);
      if (c.contains("question id") || c.equals("id") || c.equals("#")) {
        id = i;
      } else if (c.contains("question") && question < 0) {
        question = i;
      } else if ((c.contains("response") || c.contains("answer")) && answer < 0) {
        answer = i;
      } else if ((c.contains("note") || c.contains("comment")) && note < 0) {
        note = i;
      }
    }
    return id >= 0 && question >= 0 && answer >= 0 ? new int[] {id, question, answer, note} : null;
  }

  private static int firstNonEmpty(List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (!cells.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static String cell(List<String> cells, int index) {
    return index >= 0 && index < cells.size() ? cells.get(index) : "";
  }

  /** Reads a response cell; the DOC section holds free text. */
  static Mds2AnswerValue value(String questionId, String answer) {
    String a = answer.trim().toLowerCase(Locale.ROOT);
    if (a.isEmpty() || a.equals("_") || a.matches("_+")) {
      return Mds2AnswerValue.UNANSWERED;
    }
    if (questionId.startsWith("DOC-") && !questionId.matches("DOC-(8|9|10|11)(\\..*)?")) {
      return Mds2AnswerValue.TEXT;
    }
    if (a.matches("yes\\b.*") || a.equals("y")) {
      return Mds2AnswerValue.YES;
    }
    if (a.matches("no\\b.*") || a.equals("n")) {
      return Mds2AnswerValue.NO;
    }
    if (a.matches("(n/a|na|not applicable)\\b.*")) {
      return Mds2AnswerValue.NOT_APPLICABLE;
    }
    if (a.startsWith("see note") || a.startsWith("see notes")) {
      return Mds2AnswerValue.SEE_NOTE;
    }
    return Mds2AnswerValue.TEXT;
  }

  private static Map<SecurityCapability, CapabilityDeclaration> capabilities(
      Map<String, Mds2Answer> answers) {
    Map<SecurityCapability, CapabilityDeclaration> out = new EnumMap<>(SecurityCapability.class);
    CAPABILITIES.forEach(
        (capability, questions) -> {
          List<String> cited = new ArrayList<>();
          Mds2AnswerValue value = null;
          for (String q : questions) {
            Mds2Answer a = answers.get(q);
            if (a == null || a.value() == Mds2AnswerValue.UNANSWERED) {
              continue;
            }
            cited.add(q);
            if (value == null) {
              value = a.value();
            }
          }
          if (value != null) {
            out.put(capability, new CapabilityDeclaration(capability, value, cited));
          }
        });
    return out;
  }

  private static Optional<String> text(Map<String, Mds2Answer> answers, String id) {
    Mds2Answer a = answers.get(id);
    return a == null || a.answer().isBlank() ? Optional.empty() : Optional.of(a.answer());
  }

  private static Map<SecurityCapability, List<String>> loadCapabilities() {
    try (InputStream in = Mds2Reader.class.getResourceAsStream("capabilities.yaml")) {
      if (in == null) {
        throw new IllegalStateException("capabilities.yaml missing from the classpath");
      }
      Map<String, List<String>> raw =
          new ObjectMapper(new YAMLFactory())
              .readValue(in, new com.fasterxml.jackson.core.type.TypeReference<>() {});
      Map<SecurityCapability, List<String>> out = new EnumMap<>(SecurityCapability.class);
      raw.forEach((k, v) -> out.put(SecurityCapability.valueOf(k), List.copyOf(v)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("capabilities.yaml unreadable", e);
    }
  }
}
