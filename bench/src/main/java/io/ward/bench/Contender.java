package io.ward.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One process the benchmark times: a tool reading one capture.
 *
 * @param id short name used in tables and log files, e.g. {@code ward-full}
 * @param meaning what the row measures, for the report
 * @param input the capture it reads
 * @param command the whole command line, stdout discarded
 * @param okExitCodes exit codes that mean the tool finished its work
 */
record Contender(
    String id, String meaning, CaptureFile input, List<String> command, Set<Integer> okExitCodes) {

  Contender {
    command = List.copyOf(command);
    okExitCodes = Set.copyOf(okExitCodes);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command for " + id);
    }
  }

  /**
   * The same tool on the same input with {@code argument} inserted at {@code index} of its command:
   * an untimed variant (profiled, timed by phase), named {@code id + idSuffix}.
   */
  Contender withArgument(int index, String argument, String idSuffix, String meaningSuffix) {
    List<String> changed = new ArrayList<>(command);
    changed.add(index, argument);
    return new Contender(id + idSuffix, meaning + meaningSuffix, input, changed, okExitCodes);
  }
}
