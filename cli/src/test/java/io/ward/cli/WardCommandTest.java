package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The top-level command: which subcommands a run registers, and that help still shows them all. */
class WardCommandTest {

  private static final String[] ALL = {
    "analyze", "simulate", "demo", "vulns", "feeds", "serve", "users", "tokens", "audit", "help"
  };

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    return run(() -> WardCommand.commandLine(args), args);
  }

  /** Runs a command line made after the streams are redirected: picocli keeps the ones it finds. */
  private static Run run(Supplier<CommandLine> commandLine, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = commandLine.get().execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void shouldRegisterOnlyTheSubcommandARunNames() {
    assertThat(WardCommand.commandLine("analyze", "x.pcap").getSubcommands())
        .containsOnlyKeys("analyze");
    assertThat(WardCommand.commandLine("users", "create", "ana").getSubcommands())
        .containsOnlyKeys("users");
  }

  @Test
  void shouldRegisterEverySubcommandForHelpTopLevelOptionsAndUnknownNames() {
    assertThat(WardCommand.commandLine().getSubcommands()).containsOnlyKeys(ALL);
    assertThat(WardCommand.commandLine("--help").getSubcommands()).containsOnlyKeys(ALL);
    assertThat(WardCommand.commandLine("help", "analyze").getSubcommands()).containsOnlyKeys(ALL);
    assertThat(WardCommand.commandLine("analyse").getSubcommands()).containsOnlyKeys(ALL);
  }

  @Test
  void shouldListEverySubcommandInTheUsage() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    for (String name : ALL) {
      assertThat(help.out()).contains("  " + name + " ");
    }
  }

  /**
   * Help, the version and an unknown option of every subcommand give the same exit code and the
   * same output whether it is registered alone or among all of them.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "analyze",
        "simulate",
        "demo",
        "vulns",
        "feeds",
        "serve",
        "users",
        "tokens",
        "audit"
      })
  void shouldParseAndReportASubcommandAloneExactlyAsAmongAllOfThem(String name) {
    List<String[]> cases =
        List.of(
            new String[] {name, "--help"},
            new String[] {name, "-V"},
            new String[] {name, "--no-such-option"});
    for (String[] args : cases) {
      Run alone = run(args);
      Run amongAll = run(WardCommand::withAllSubcommands, args);
      String said = alone.out() + alone.err();
      if (args[1].equals("--help")) {
        assertThat(said).contains("Usage: ward " + name);
      } else if (args[1].equals("--no-such-option")) {
        // Picocli names the first problem it meets: the option, or a missing required parameter.
        assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(said).containsAnyOf("--no-such-option", "Missing required");
      } // -V: a subcommand has no version text of its own
      assertThat(alone).as(String.join(" ", args)).isEqualTo(amongAll);
    }
  }

  /**
   * Every command's help prints its description lines whole, and the first line, which the list of
   * its parent's commands shows alone, is a sentence: a line longer than the 80 columns picocli
   * wraps at was broken mid-phrase, and the list cut summaries off at "…and,".
   */
  @Test
  void shouldPrintEveryDescriptionLineWholeAndSummariseEachCommandInASentence() {
    List<CommandLine> commands = new ArrayList<>();
    collect(WardCommand.withAllSubcommands(), commands);
    assertThat(commands).hasSizeGreaterThan(ALL.length);
    for (CommandLine cl : commands) {
      String name = cl.getCommandSpec().qualifiedName();
      String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
      String[] description = cl.getCommandSpec().usageMessage().description();
      assertThat(description).as(name).isNotEmpty();
      assertThat(description[0]).as("first line of %s", name).endsWith(".");
      for (String line : description) {
        assertThat(usage).as("help of %s", name).contains(line);
      }
      for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
        // Picocli wraps one text to its column; several would each start a ragged line.
        assertThat(o.description()).as("%s %s", name, o.longestName()).hasSizeLessThan(2);
      }
    }
  }

  private static void collect(CommandLine cl, List<CommandLine> into) {
    into.add(cl);
    cl.getSubcommands()
        .forEach(
            (n, sub) -> {
              if (!n.equals("help")) {
                collect(sub, into);
              }
            });
  }

  @Test
  void shouldRejectACertificateWithoutItsKeyAsAUsageError() {
    Run serve = run("serve", "--tls-certificate", "cert.pem");
    assertThat(serve.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(serve.err()).contains("--tls-certificate and --tls-private-key go together");
  }

  @Test
  void shouldShowASubcommandsHelpThroughTheHelpCommand() {
    Run help = run("help", "analyze");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Usage: ward analyze").contains("--workers");
  }

  @Test
  void shouldReportAMisspeltSubcommandWithTheNearestName() {
    Run wrong = run("analyse", "x.pcap");
    assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("analyse").contains("analyze");
  }

  @Test
  void shouldRejectAnUnknownOptionOfTheNamedSubcommand() {
    Run wrong = run("analyze", "--no-such-option", "x.pcap");
    assertThat(wrong.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("--no-such-option").contains("--no-progress");
  }
}
