package io.ward.cli;

import io.ward.server.ServerStartException;
import io.ward.server.WardAdmin;
import io.ward.server.audit.AuditKeyException;
import io.ward.server.audit.AuditKeyReplacement;
import io.ward.server.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ward audit}: the audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Works with Ward's audit log (against the same store as ward serve).",
    subcommands = {AuditCommand.Verify.class, AuditCommand.NewKey.class})
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
        "Checks that no audit entry was edited, removed or reordered.",
        "Each entry's HMAC-SHA256, under the key in <data dir>/audit.key, must chain to",
        "the previous one (entries older than the key: plain SHA-256), and the log must",
        "reach the last entry anchored in <data dir>/audit.head. Run with the",
        "--data-dir of ward serve, which holds both.",
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

  /**
   * {@code ward audit new-key}: a new audit key for the entries from the next one on, recorded in
   * the log. Exit 0 when made, 3 when refused (a key is missing and --key-lost does not name its
   * range, --key-lost is given while no key is missing, or the log does not verify).
   */
  @Command(
      name = "new-key",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a new audit key for the entries from the next one on.",
        "It records that in the audit log (action audit.key.replace). The old key stays",
        "in <data dir>/audit.key, so the entries it made stay authenticated: use this",
        "to rotate a key, or one that may have been exposed. When the key file was lost",
        "and no backup holds it, --key-lost=FROM declares its entries lost: ward audit",
        "verify then reports them as a caveat instead of refusing, and appends (every",
        "change and sign-in) work again.",
        "Back up the key file afterwards. Run with the --data-dir of ward serve."
      })
  static final class NewKey implements Callable<Integer> {
    @Mixin StoreOptions store;

    @CommandLine.Option(
        names = "--key-lost",
        split = ",",
        paramLabel = "FROM",
        description =
            "the first entry of each range whose key is lost for good (as ward audit verify"
                + " and a refused new-key list them): declares those entries lost")
    List<Long> keyLost = new ArrayList<>();

    @CommandLine.Option(
        names = "--reason",
        paramLabel = "TEXT",
        description = "why, recorded in the audit entry")
    String reason;

    @Override
    public Integer call() {
      try (WardAdmin admin = WardAdmin.open(store.settings())) {
        AuditKeyReplacement.Replaced r = admin.replaceAuditKey(reason, new TreeSet<>(keyLost));
        System.out.println(
            "new audit key in "
                + r.keyFile()
                + " for entries from "
                + r.entry().seq()
                + " on (entry "
                + r.entry().seq()
                + " records it); back the file up, apart from the database");
        if (!r.declaredLost().isEmpty()) {
          System.out.println(
              "declared lost: "
                  + String.join(", ", r.declaredLost())
                  + " (their order and links are still checked; their content can no longer be"
                  + " authenticated)");
        }
        return ExitCodes.OK;
      } catch (AuditKeyException | ServerStartException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
    }
  }
}
