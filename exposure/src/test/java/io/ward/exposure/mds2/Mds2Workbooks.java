package io.ward.exposure.mds2;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.mds2.Mds2Reader;
import io.ward.model.exposure.Mds2Form;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * MDS2 forms for tests, written as HN 1-2019 workbooks and read back through {@link Mds2Reader}, so
 * the declarations come from the same reading a hospital's forms get. No public MDS2 form is stored
 * (SOURCES.md), so the answers are written here.
 */
public final class Mds2Workbooks {

  private Mds2Workbooks() {}

  /** A form for the maker and model with these {question id, answer} rows. */
  public static Mds2Form form(
      Path dir, String maker, String model, Optional<String> version, String[]... answers)
      throws IOException {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"DOC-1", "Manufacturer Name", maker, ""});
    rows.add(new String[] {"DOC-3", "Device Model", model, ""});
    rows.add(new String[] {"DOC-4", "Document ID", "MDS2-" + model, ""});
    for (String[] a : answers) {
      rows.add(new String[] {a[0], "question " + a[0], a[1], a.length > 2 ? a[2] : ""});
    }
    Path file =
        dir.resolve(
            model.replaceAll("[^A-Za-z0-9]", "_") + version.map(v -> "-" + v).orElse("") + ".xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("MDS2");
      Row header = sheet.createRow(0);
      String[] titles = {"Question ID", "Question", "Response", "Note"};
      for (int c = 0; c < titles.length; c++) {
        header.createCell(c).setCellValue(titles[c]);
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int c = 0; c < 4; c++) {
          row.createCell(c).setCellValue(rows.get(r)[c]);
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
    FeedResult<Mds2Form> read = new Mds2Reader().read(file, version);
    if (read.items().size() != 1) {
      throw new IllegalStateException("test form not read: " + read.problems());
    }
    return read.items().get(0);
  }
}
