package io.ward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The top-level command: which subcommands a run registers, and that help still shows them all. */
class WardCommandTest {

  private static final String[] ALL = {
    "analyze", "simulate", "demo", "vulns", "feeds", "serve", "users", "tokens", "audit", "help"
  };

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = WardCommand.execute(args);
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
