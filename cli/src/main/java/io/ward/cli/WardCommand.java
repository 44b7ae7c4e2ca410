package io.ward.cli;

import io.ward.engine.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ward} command: one subcommand per job. */
@Command(
    name = "ward",
    mixinStandardHelpOptions = true,
    versionProvider = WardCommand.VersionProvider.class,
    description = "Passive discovery and protection of hospital medical devices.")
public final class WardCommand implements Runnable {

  /**
   * The subcommands by name, in the order help lists them. They are registered here rather than in
   * the annotation so that a run builds only the one it needs: picocli builds the model of every
   * registered command by reflection, and the nine others cost 30-40 ms of each start (measured on
   * {@code ward analyze}). picocli's classes are Java 5 class files, which only a static class-data
   * archive holds; see {@code cli/cds-archive.sh}.
   */
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("analyze", AnalyzeCommand.class);
    m.put("simulate", SimulateCommand.class);
    m.put("demo", DemoCommand.class);
    m.put("vulns", VulnsCommand.class);
    m.put("feeds", FeedsCommand.class);
    m.put("serve", ServeCommand.class);
    m.put("users", UsersCommand.class);
    m.put("tokens", TokensCommand.class);
    m.put("audit", AuditCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    if (args.length > 0 && WITHOUT_LIBRARY_LOGS.contains(args[0])) {
      withoutLibraryLogs();
    }
    EarlyKnowledge.startFor(args);
    try {
      System.exit(execute(args));
    } catch (OutOfMemoryError e) {
      // Not a bug to report with a stack trace: the input needs more memory than the JVM may take.
      System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
      System.exit(ExitCodes.INTERNAL);
    }
  }

  /**
   * The command that reads captures. Ward's own code there logs nothing (it reports on standard
   * error and counts what it could not parse); the only logger is HAPI's, whose warnings about
   * malformed messages would print text from untrusted traffic. Starting logback for it read and
   * applied the server's XML configuration on the first HL7 message, about 40 ms of every analysis.
   */
  private static final Set<String> WITHOUT_LIBRARY_LOGS = Set.of("analyze");

  /** Sends SLF4J to its no-op provider, quietly; a provider set by the user is kept. */
  static void withoutLibraryLogs() {
    if (System.getProperty(SLF4J_PROVIDER) == null) {
      System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
      // Else SLF4J announces the explicit choice on standard error.
      if (System.getProperty(SLF4J_VERBOSITY) == null) {
        System.setProperty(SLF4J_VERBOSITY, "WARN");
      }
    }
  }

  private static final String SLF4J_PROVIDER = "slf4j.provider";
  private static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  /** The one line printed when the heap is exhausted, with what to do about it. */
  static String outOfMemory(long maxHeapBytes) {
    return "ward: out of memory: the Java heap is full at "
        + (maxHeapBytes >> 20)
        + " MiB. An analysis holds about 10 KB per device; give Ward more, for example"
        + " WARD_JAVA_OPTS='-XX:+UseSerialGC -Xmx8g -XX:TieredStopAtLevel=1"
        + " -XX:CompileThresholdScaling=0.5' ./ward …, or run fewer workers (each keeps its own"
        + " flows and devices): --workers 1";
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    return commandLine(args).execute(args);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand other than help,
   * only that one is registered, and it parses and reports errors exactly as it would among all of
   * them; otherwise (help, top-level options, no or unknown subcommand) all are, so that usage
   * lists them and picocli can suggest the nearest name.
   */
  static CommandLine commandLine(String... args) {
    Class<?> only = args.length == 0 || "help".equals(args[0]) ? null : SUBCOMMANDS.get(args[0]);
    if (only == null) {
      return withAllSubcommands();
    }
    CommandLine cl = new CommandLine(new WardCommand());
    cl.addSubcommand(args[0], only);
    return withHandlers(cl);
  }

  /** The command line with every subcommand registered, as help and unknown names need it. */
  static CommandLine withAllSubcommands() {
    CommandLine cl = new CommandLine(new WardCommand());
    SUBCOMMANDS.forEach(cl::addSubcommand);
    return withHandlers(cl);
  }

  /** Ward's exit codes and error reporting; set after the subcommands so that they inherit them. */
  private static CommandLine withHandlers(CommandLine cl) {
    cl.setExitCodeExceptionMapper(ExitCodes::forException);
    cl.setExecutionExceptionHandler(new ExitCodes.ErrorHandler());
    return cl;
  }

  /** Prints Ward's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ward " + Version.current()};
    }
  }
}
