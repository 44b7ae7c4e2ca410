package io.ward.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a {@code ward} run in a JVM of its own, on the tests' class path. */
final class ChildWard {
  private ChildWard() {}

  /** {@code java JVM_OPTIONS -cp CLASSPATH io.ward.cli.WardCommand ARGS}. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(WardCommand.class.getName());
    command.addAll(List.of(args));
    return command;
  }
}
