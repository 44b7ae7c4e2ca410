package io.ward.cli;

import io.ward.server.ServerStartException;
import io.ward.server.WardAdmin;
import io.ward.server.security.Role;
import io.ward.server.security.WardUser;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ward users}: manages Ward's users from the command line. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manages Ward's users (against the same store as ward serve).",
    subcommands = {UsersCommand.Create.class, UsersCommand.Password.class})
final class UsersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** {@code ward users create --role ROLE NAME}: the password is read from standard input. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a user.",
        "The password is read from standard input (one line), never an argument.",
        "Roles: admin, security-analyst, clinical-engineer, auditor."
      })
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "the user's role")
    String role;

    @Parameters(paramLabel = "NAME", description = "the user name")
    String name;

    @Override
    public Integer call() throws IOException {
      Role r =
          Role.fromId(role)
              .orElseThrow(
                  () ->
                      new UserInputException(
                          "unknown role "
                              + role
                              + " (admin, security-analyst, clinical-engineer, auditor)"));
      char[] password = readPassword();
      try (WardAdmin admin = WardAdmin.open(store.settings())) {
        WardUser u = admin.createUser(name, java.nio.CharBuffer.wrap(password), r);
        System.out.println("created user " + u.username() + " (" + u.role().id() + ")");
        return ExitCodes.OK;
      } catch (ServerStartException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      } catch (IllegalArgumentException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private static char[] readPassword() throws IOException {
      return UsersCommand.readPassword("Password for the new user: ");
    }
  }

  /** {@code ward users password NAME}: the new password is read from standard input. */
  @Command(
      name = "password",
      mixinStandardHelpOptions = true,
      description = {
        "Sets a user's password and lifts a lockout.",
        "The way back in for an admin who forgot theirs. The password is read from",
        "standard input (one line), never an argument. A running server ends the",
        "user's browser sessions; API tokens keep working."
      })
  static final class Password implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "NAME", description = "the user name")
    String name;

    @Override
    public Integer call() throws IOException {
      char[] password = readPassword("New password for " + name + ": ");
      try (WardAdmin admin = WardAdmin.open(store.settings())) {
        admin.resetPassword(name, java.nio.CharBuffer.wrap(password));
        System.out.println("password of " + name + " set");
        return ExitCodes.OK;
      } catch (ServerStartException | IllegalArgumentException e) {
        System.err.println("ward: " + e.getMessage());
        return ExitCodes.BAD_INPUT;
      } catch (java.util.NoSuchElementException e) {
        System.err.println("ward: no user " + name);
        return ExitCodes.BAD_INPUT;
      } finally {
        Arrays.fill(password, '\0');
      }
    }
  }

  /** One line from the terminal without echo, else from standard input. */
  static char[] readPassword(String prompt) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] p = console.readPassword(prompt);
      return p == null ? new char[0] : p;
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null) {
      throw new UserInputException("no password on standard input");
    }
    return line.toCharArray();
  }
}
