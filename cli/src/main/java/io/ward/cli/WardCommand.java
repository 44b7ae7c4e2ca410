package io.ward.cli;

import io.ward.engine.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ward} command: one subcommand per job. */
@Command(
    name = "ward",
    mixinStandardHelpOptions = true,
    versionProvider = WardCommand.VersionProvider.class,
    description = "Passive discovery and protection of hospital medical devices.",
    subcommands = {
      AnalyzeCommand.class,
      SimulateCommand.class,
      DemoCommand.class,
      VulnsCommand.class,
      FeedsCommand.class,
      ServeCommand.class,
      UsersCommand.class,
      TokensCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WardCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    try {
      System.exit(execute(args));
    } catch (OutOfMemoryError e) {
      // Not a bug to report with a stack trace: the input needs more memory than the JVM may take.
      System.err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
      System.exit(ExitCodes.INTERNAL);
    }
  }

  /** The one line printed when the heap is exhausted, with what to do about it. */
  static String outOfMemory(long maxHeapBytes) {
    return "ward: out of memory: the Java heap is full at "
        + (maxHeapBytes >> 20)
        + " MiB. An analysis holds about 10 KB per device; give Ward more, for example"
        + " WARD_JAVA_OPTS='-XX:+UseSerialGC -Xmx8g -XX:TieredStopAtLevel=1' ./ward …";
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new WardCommand());
    cl.setExitCodeExceptionMapper(ExitCodes::forException);
    cl.setExecutionExceptionHandler(new ExitCodes.ErrorHandler());
    return cl.execute(args);
  }

  /** Prints Ward's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ward " + Version.current()};
    }
  }
}
