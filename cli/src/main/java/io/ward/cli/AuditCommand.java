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

  /**
   * {@code ward audit verify}: walks the keyed hash chain; exit 0 when intact, 4 at the first
   * break, 3 when the audit key is missing and the keyed entries cannot be authenticated.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks that no audit entry was edited, removed or reordered: each entry's HMAC-SHA256,",
        "under the key in <data dir>/audit.key, chains to the previous one (entries older than",
        "the key: plain SHA-256), and that the log reaches the last entry anchored in",
        "<data dir>/audit.head. Run with the --data-dir of ward serve, which holds both.",
        "Exit 0 when intact, 4 with the first broken entry, 3 when the key is missing."
      })
  static final class Verify implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (WardAdmin admin = WardAdmin.open(store.settings())) {
        AuditVerification v = admin.verifyAudit();
        if (v.intact()) {
          System.out.println(v.message());
          return ExitCodes.OK;
        }
        if (v.keyMissing()) {
          System.err.println("ward: " + v.message());
          return ExitCodes.BAD_INPUT;
        }
        System.out.println(v.message());
        return ExitCodes.WARNINGS;
      } catch (ServerStartException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
    }
  }
}
