package io.ward.cli;

import io.ward.server.ServerStartException;
import io.ward.server.WardAdmin;
import io.ward.server.audit.AuditVerification;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ward audit}: the audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Works with Ward's audit log (against the same store as ward serve).",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** {@code ward audit verify}: walks the hash chain; exit 0 when intact, 4 at the first break. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks that no audit entry was edited, removed or reordered (each entry's SHA-256 chains",
        "to the previous one). Exit 0 when intact, 4 with the first broken entry otherwise."
      })
  static final class Verify implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (WardAdmin admin = WardAdmin.open(store.settings())) {
        AuditVerification v = admin.verifyAudit();
        if (v.intact()) {
          System.out.println("audit log intact: " + v.entries() + " entries");
          return ExitCodes.OK;
        }
        System.out.println(
            "audit log broken at entry "
                + v.firstBroken().orElseThrow()
                + ": "
                + v.problem().orElse("")
                + " ("
                + v.entries()
                + " entries before it hold)");
        return ExitCodes.WARNINGS;
      } catch (ServerStartException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
    }
  }
}
