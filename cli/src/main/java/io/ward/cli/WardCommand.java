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
    System.exit(execute(args));
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
