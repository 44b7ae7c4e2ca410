package io.ward.cli;

import io.ward.server.ServerStartException;
import io.ward.server.WardAdmin;
import io.ward.server.security.ApiToken;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ward tokens}: API tokens for scripts. */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Manages API tokens (against the same store as ward serve).",
    subcommands = {TokensCommand.Create.class})
final class TokensCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** {@code ward tokens create NAME}: prints a new token for user NAME (shown only this once). */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates an API token for a user and prints it; it is shown only once.",
        "The token goes to standard output. Use it as: Authorization: Bearer TOKEN"
      })
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(
        names = "--label",
        paramLabel = "TEXT",
        defaultValue = "cli",
        description = "what the token is for (default: ${DEFAULT-VALUE})")
    String label;

    @Parameters(paramLabel = "NAME", description = "the user the token acts as")
    String user;

    @Override
    public Integer call() {
      try (WardAdmin admin = WardAdmin.open(store.settings())) {
        ApiToken.Created t = admin.createToken(user, label);
        System.out.println(t.secret());
        return ExitCodes.OK;
      } catch (ServerStartException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      } catch (NoSuchElementException | IllegalArgumentException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
    }
  }
}
