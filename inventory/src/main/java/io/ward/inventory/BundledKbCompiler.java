package io.ward.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build step (the inventory module's {@code process-classes} phase): writes each bundled YAML file
 * of the knowledge base again as JSON, {@code NAME.yaml} to {@code NAME.yaml.json} beside it, and
 * {@link KnowledgeBase} reads those. The YAML stays the source, with its comments; the JSON is the
 * same tree of sections and entries, so the loader validates it exactly as before.
 *
 * <p>Why: every analysis loads the bundled files in a fresh JVM, mostly interpreted, on the
 * processor that the JIT compiler needs while the first packets are read. Parsing them as JSON
 * instead of YAML (SnakeYAML) took about 0.07 s less processor time, and a full analysis of the
 * benchmark's capture 0.04 s less wall time (median of 20 interleaved pairs, session 17). A file
 * that is not valid YAML, or that repeats a key, fails the build here, naming it.
 */
public final class BundledKbCompiler {
  private BundledKbCompiler() {}

  /** Usage: {@code BundledKbCompiler KB_DIRECTORY} (the kb folder of the built classes). */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: BundledKbCompiler KB_DIRECTORY");
    }
    Path dir = Path.of(args[0]);
    List<String> names;
    try (InputStream in = Files.newInputStream(dir.resolve("INDEX"))) {
      names = KnowledgeBase.indexNames(in);
    }
    ObjectMapper yaml = KbLoader.yamlMapper();
    ObjectMapper json = new ObjectMapper();
    for (String name : names) {
      JsonNode tree;
      try (InputStream in = Files.newInputStream(dir.resolve(name))) {
        tree = yaml.readTree(in);
      } catch (IOException e) {
        throw new IOException("bundled kb/" + name + ": " + e.getMessage(), e);
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve(compiledName(name)))) {
        json.writeValue(out, tree);
      }
    }
  }

  /** The compiled file of a bundled YAML file. */
  static String compiledName(String name) {
    return name + ".json";
  }
}
