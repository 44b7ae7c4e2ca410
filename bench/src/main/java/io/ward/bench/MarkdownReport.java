package io.ward.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benchmark's result as Markdown: machine, captures, timings, the issue's targets, hot spots.
 */
final class MarkdownReport {

  /** The peers' speeds the issue quotes for this 2-core machine, in packets/s. */
  private static final Map<String, String> ISSUE_FIGURES =
      Map.of(
          Contenders.TSHARK_FIELDS, "≈ 20,000",
          Contenders.TSHARK_CONV, "≈ 41,000",
          Contenders.NDPI, "≈ 330,000",
          Contenders.HEADER_WALK, "≈ 2,800,000",
          Contenders.WARD_FULL, "target ≈ 1,000,000");

  private final StringBuilder out = new StringBuilder();

  /**
   * The whole report.
   *
   * @param run when, where and how the benchmark ran
   * @param captures the captures the tools read
   * @param measurements every contender's runs, in run order
   * @param targets the issue's targets computed from the medians
   * @param ceilings what the plain header walk reaches against the targets set as peer multiples
   * @param laterRate the full analysis's start and its rate after it, when both were run
   * @param twoCores what two workers can reach on this machine, when the phases were timed
   * @param hotSpots the profiles of extra Ward runs, if any were taken
   */
  static String render(
      RunContext run,
      List<CaptureFile> captures,
      List<Measurement> measurements,
      List<Target> targets,
      List<Targets.Ceiling> ceilings,
      Optional<Targets.LaterRate> laterRate,
      Optional<Targets.TwoCoreBound> twoCores,
      List<ProfiledRun> hotSpots) {
    MarkdownReport r = new MarkdownReport();
    r.heading(run);
    r.captures(captures);
    r.measurements(measurements);
    r.targets(targets);
    laterRate.ifPresent(r::laterRate);
    r.ceilings(ceilings, twoCores.map(Targets.TwoCoreBound::split));
    twoCores.ifPresent(r::twoCores);
    hotSpots.forEach(r::hotSpots);
    r.commands(measurements);
    return r.out.toString();
  }

  private void heading(RunContext run) {
    MachineInfo m = run.machine();
    line("# Ward capture benchmark");
    line("");
    line("Reproduce: `" + run.command() + "` (from the repository root).");
    line("");
    line("- Started: " + run.started() + "; " + run.runs() + " interleaved runs of each process.");
    line("- Machine: " + m.processors() + " processors (" + m.cpu() + "), " + m.memory() + ".");
    line(
        "- Load average (1/5/15 min): before "
            + run.loadBefore()
            + ", after "
            + run.loadAfter()
            + " (the machine is shared; a load above the processor count slows every tool).");
    line("- Ward: " + Format.builtFrom(run.wardRevision()) + ".");
    line("- Java: " + String.join(" / ", m.javaVersion()));
    line("- Peers: " + m.tsharkVersion() + "; " + m.ndpiVersion());
    line(
        "- Times are whole processes, fork to exit (JVM start included for Ward), median of the"
            + " runs; CPU s is the median user + system CPU time (GNU time's `%U + %S`), which"
            + " load inflates far less than wall time; peak RSS is GNU time's `%M`; MB = 10^6"
            + " bytes of the input file.");
    line("");
  }

  private void captures(List<CaptureFile> captures) {
    line("## Captures");
    line("");
    line("| capture | packets | size (MB) | made by |");
    line("|---|---:|---:|---|");
    for (CaptureFile c : captures) {
      line(
          "| "
              + c.label()
              + " | "
              + Format.count(c.packets())
              + " | "
              + Format.oneDecimal(c.bytes() / 1e6)
              + " | "
              + c.origin()
              + " |");
    }
    line("");
  }

  private void measurements(List<Measurement> measurements) {
    line("## Processes");
    line("");
    line(
        "| process | input | median s | runs (s) | CPU s | packets/s | MB/s | peak RSS MiB |"
            + " issue's figure (packets/s) |");
    line("|---|---|---:|---|---:|---:|---:|---:|---|");
    for (Measurement m : measurements) {
      String times =
          m.runs().stream().map(r -> Format.seconds(r.seconds())).collect(Collectors.joining(", "));
      line(
          "| "
              + m.contender().id()
              + " | "
              + m.contender().input().label()
              + " | "
              + Format.seconds(m.medianSeconds())
              + " | "
              + times
              + " | "
              + Format.seconds(m.medianCpuSeconds())
              + " | "
              + Format.count(m.packetsPerSecond())
              + " | "
              + Format.oneDecimal(m.megabytesPerSecond())
              + " | "
              + Format.oneDecimal(m.medianPeakRssMebibytes())
              + " | "
              + ISSUE_FIGURES.getOrDefault(m.contender().id(), "")
              + " |");
    }
    line("");
  }

  private void targets(List<Target> targets) {
    line("## Targets (issue 2 §8), ratios of this run's medians");
    line("");
    line("| target | figures | ratio | goal | met |");
    line("|---|---|---:|---:|---|");
    for (Target t : targets) {
      line(
          "| "
              + t.name()
              + " | "
              + t.basis()
              + " | "
              + Format.ratio(t.measured())
              + " | "
              + t.goal()
              + " | "
              + (t.met() ? "yes" : "**no**")
              + " |");
    }
    line("");
  }

  private void laterRate(Targets.LaterRate r) {
    line("## The full analysis's start and its rate after it");
    line("");
    line(
        "`"
            + Contenders.WARD_FULL_START
            + "` analyses only the first "
            + Format.count(r.startPackets())
            + " packets of the 1× capture, as `"
            + Contenders.WARD_FULL
            + "` does the whole: its "
            + Format.seconds(r.startSeconds())
            + " s are the part of an analysis that does not grow with the capture's length (the"
            + " JVM, the command line, the knowledge base, the inventory and its JSON) and the"
            + " first packets, which meet each device's kinds of messages for the first time while"
            + " the JIT compiler is still compiling. The other "
            + Format.count(r.laterPackets())
            + " packets added "
            + Format.seconds(r.laterSeconds())
            + " s: **"
            + Format.count(r.laterPacketsPerSecond())
            + " packets/s** after the start ("
            + Format.ratio(r.laterPacketsPerSecond() / 1_000_000.0)
            + " the issue's 1M packets/s). "
            + (r.startAllowedForAMillionSeconds() > 0
                ? "At that rate the 1× capture as a whole reaches 1M packets/s when the start"
                    + " takes at most "
                    + Format.seconds(r.startAllowedForAMillionSeconds())
                    + " s; a longer capture dilutes the start (see `"
                    + Contenders.WARD_FULL_LONG
                    + "`)."
                : "At that rate no start, however short, brings the 1× capture to 1M packets/s.")
            + " Both are medians of the interleaved runs, so the difference carries the noise of"
            + " both.");
    line("");
  }

  private void ceilings(List<Targets.Ceiling> ceilings, Optional<PhaseSplit> phases) {
    if (ceilings.isEmpty()) {
      return;
    }
    line("## What a plain Java header walk reaches");
    line("");
    line(
        "`java-header-walk` is a simple single-threaded Java program, JVM start included, that"
            + " only walks the link, IP and transport headers and counts flows: less work per"
            + " packet than any decoder. Where it stays below what a target asks for (reach < 1×),"
            + " a single-threaded Java decoder is not expected to meet that target on this"
            + " machine and file; it is a reference point, not a proof (a program with more"
            + " threads or a faster reader could go further).");
    line("");
    line(
        "| target | asks for (packets/s) | whole process may take (s) | header walk (packets/s)"
            + " | reach |");
    line("|---|---:|---:|---:|---:|");
    for (Targets.Ceiling c : ceilings) {
      line(
          "| "
              + c.target()
              + " | "
              + Format.count(c.askedPacketsPerSecond())
              + " | "
              + Format.seconds(c.allowedSeconds())
              + " | "
              + Format.count(c.walkPacketsPerSecond())
              + " | "
              + Format.ratio(c.reach())
              + " |");
    }
    line("");
    phases.ifPresent(
        p -> {
          line(
              "Against that time: Ward's start alone (the JVM, the command line and setup, before"
                  + " the first packet is read) took "
                  + Format.seconds(p.startWall())
                  + " s in the full analysis's `--timings` run of median length below (its own"
                  + " reading of the JVM's clocks included; decode-only starts the same way), and"
                  + " launch and exit around the JVM's clock "
                  + Format.seconds(p.outsideWall())
                  + " s; writing the inventory and its JSON took "
                  + Format.seconds(p.outputWall())
                  + " s after the last packet of the full analysis.");
          line("");
        });
  }

  private void twoCores(Targets.TwoCoreBound b) {
    PhaseSplit p = b.split();
    int sharing = PhaseSplit.sharing(2, b.cores());
    line("## What two workers can reach on this machine");
    line("");
    line(
        "Three extra, untimed runs of `"
            + Contenders.WARD_FULL
            + "` with `--timings` split their time into phases (wall and CPU seconds, all"
            + " threads); the run of median length is shown. Only reading the packets can be"
            + " shared by workers: starting, writing the inventory, and the launch and exit around"
            + " the JVM's clock stay as long as they are, and the reading phase's CPU seconds"
            + " must still be spent, the JIT compiler's, the knowledge loading's, the file's"
            + " reading and the inventory's intake included, which a one-worker run already puts"
            + " on the second core. So, if two workers spend"
            + " at least that CPU on reading (they add work: each worker reads the whole file"
            + " and decodes every packet's headers to find the ones it owns), two workers on "
            + b.cores()
            + " processors take at least launch and exit + start + output + reading CPU / "
            + sharing
            + ". Ward's serial collector also stops every Java thread while it collects; counting"
            + " its pauses as serial too (only the JIT compiler's threads run beside them, and"
            + " the pauses are assumed no shorter with two workers) gives a tighter floor.");
    line("");
    line("| phase | wall s | CPU s |");
    line("|---|---:|---:|");
    phaseRow("launch and exit (outside the JVM's clock)", p.outsideWall(), Double.NaN);
    phaseRow("start: JVM, command line, setup", p.startWall(), p.startCpu());
    phaseRow(
        "reading the packets (collector pauses " + Format.seconds(p.readGc()) + " s)",
        p.readWall(),
        p.readCpu());
    phaseRow("inventory and output", p.outputWall(), p.outputCpu());
    phaseRow("whole process", p.processWall(), p.totalCpu());
    line("");
    line(
        "Two workers: at least "
            + Format.seconds(b.floorSeconds())
            + " s, so at most **"
            + Format.ratio(b.bound())
            + "** the speed of one; with the collector's pauses serial, at least "
            + Format.seconds(b.floorWithSerialPausesSeconds())
            + " s, at most **"
            + Format.ratio(b.boundWithSerialPauses())
            + "** (goal ≥ 1.60×"
            + (b.measured().isPresent()
                ? "; measured " + Format.ratio(b.measured().getAsDouble()) + " in the timed runs"
                : "")
            + ").");
    line("");
  }

  private void phaseRow(String phase, double wall, double cpu) {
    line(
        "| "
            + phase
            + " | "
            + Format.seconds(wall)
            + " | "
            + (Double.isNaN(cpu) ? "" : Format.seconds(cpu))
            + " |");
  }

  private void hotSpots(ProfiledRun profiled) {
    HotSpots h = profiled.hotSpots();
    line("## Hot spots of " + profiled.id() + " (JFR, one extra untimed run)");
    line("");
    line(
        "Profiled: `"
            + String.join(" ", profiled.command())
            + "` — "
            + h.samples()
            + " execution samples, at most one per running Java thread and millisecond. JFR cannot"
            + " walk many stacks that end in C1-compiled code, so samples in such code are"
            + " under-counted; `perf` sees them all.");
    line("");
    table(
        "Ward method nearest the top of the stack (callees folded in)",
        "samples",
        h.wardSelf(),
        h.samples());
    table("method (self: top of stack)", "samples", h.selfTime(), h.samples());
    table(
        "Ward method (inclusive: anywhere on the stack)",
        "samples",
        h.wardInclusive(),
        h.samples());
    long allocated = h.allocations().stream().mapToLong(Map.Entry::getValue).sum();
    line("| allocated class in Ward method | sampled MB |");
    line("|---|---:|");
    for (Map.Entry<String, Long> e : h.allocations()) {
      line("| `" + e.getKey() + "` | " + Format.oneDecimal(e.getValue() / 1e6) + " |");
    }
    line("");
    line(
        "(allocation rows above: "
            + Format.oneDecimal(allocated / 1e6)
            + " MB of sampled allocation weight)");
    line("");
  }

  private void table(String what, String unit, List<Map.Entry<String, Long>> rows, long total) {
    line("| " + what + " | " + unit + " | share |");
    line("|---|---:|---:|");
    for (Map.Entry<String, Long> e : rows) {
      line(
          "| `"
              + e.getKey()
              + "` | "
              + e.getValue()
              + " | "
              + Format.oneDecimal(100.0 * Stats.ratio(e.getValue(), total))
              + "% |");
    }
    line("");
  }

  private void commands(List<Measurement> measurements) {
    line("## What each process is");
    line("");
    for (Measurement m : measurements) {
      Contender c = m.contender();
      line(
          "- **"
              + c.id()
              + "** — "
              + c.meaning()
              + ": `"
              + String.join(" ", c.command())
              + " > /dev/null`");
    }
    line("");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
