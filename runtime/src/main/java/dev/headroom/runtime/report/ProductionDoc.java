package dev.headroom.runtime.report;

import dev.headroom.runtime.platform.PlatformAnalysis;
import dev.headroom.runtime.platform.PlatformFigures;
import dev.headroom.runtime.platform.StageTake;
import dev.headroom.runtime.production.ProductionAnalysis;
import dev.headroom.runtime.production.ProductionFigures;
import dev.headroom.runtime.production.ProductionInput;
import dev.headroom.runtime.production.ProductionSizing;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.serving.EvalGate;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetFigures;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes the parts of a design doc about production and the whole platform: a fleet's
 * evaluation gates, its production section (peak, spares, deploys, the autoscaled day, cost,
 * alerts and guardrails), the platform section, and the platform's edges in the diagram.
 */
final class ProductionDoc extends MarkdownSection {
  ProductionDoc(StringBuilder out) {
    super(out);
  }

  /** Writes the evaluation gates of a fleet, or why it needs none. */
  void gates(FleetAnalysis fleet) {
    line("### Evaluation gates");
    line();
    if (fleet.gates().isEmpty()) {
      line(EvalGate.missing(fleet.input(), List.of()).isPresent()
          ? "None declared, and this fleet needs one: it serves below BF16, and quantization"
              + " changes what a model answers, which a deploy must measure."
          : "None declared, and none is required: the weights are served at BF16 or the"
              + " checkpoint's own precision, and the KV cache at BF16 or wider.");
      line();
      return;
    }
    line("A deploy goes out only when every gate passes:");
    line();
    for (EvalGate gate : fleet.gates()) {
      line("- " + text(gate.rule()));
    }
    line();
  }

  /** Writes the production section of a fleet. */
  void production(ProductionAnalysis production) {
    ProductionInput input = production.input();
    FleetInput fleet = production.fleet().input();
    line("## " + input.name() + " in production");
    line();
    if (production.figures().isEmpty()) {
      line("Verdict: **fail**. Production was not sized: " + (production.fleet().figures()
          .filter(FleetFigures::feasible).isEmpty()
              ? "the fleet itself was not sized, or no replica holds a request."
              : "its inputs are invalid."));
      line();
      findings(production.findings());
      return;
    }
    ProductionFigures f = production.figures().get();
    FleetFigures sized = production.fleet().figures().orElseThrow();
    line("Peak " + Units.number(fleet.traffic().requestsPerSecond()) + " requests/s, "
        + Units.number(input.peakToMean()) + "× the day's mean; "
        + Units.dollars(f.dollarsPerGpuHour()) + " per GPU-hour"
        + (input.priceFromPlatform() ? " (the platform's)" : "") + ". Verdict: **"
        + production.verdict().jsonName() + "**; binding constraint: **"
        + production.binding().id() + "** (" + production.binding().rule() + "): of the"
        + " fleet's budget and the cost guardrail, the one with the least room left.");
    line();
    line("### Peak, spares and deploys");
    line();
    line("- Peak: " + Units.plural(f.peakReplicas(), "replica") + " × "
        + Units.plural(f.gpusPerReplica(), "GPU") + ", the fleet sized at the peak rate");
    line("- Spares: " + Units.plural(f.spareReplicas(), "whole replica") + ", since a"
        + " tensor-parallel group fails as a unit");
    line("- Deploy headroom: ⌈(" + Units.count(f.peakReplicas()) + " + "
        + Units.count(f.spareReplicas()) + ") × " + Units.number(input.deployHeadroom())
        + "⌉ = " + Units.plural(f.headroomReplicas(), "replica") + " at once");
    line("- Total: " + Units.plural(f.totalReplicas(), "replica") + " × "
        + Units.plural(f.gpusPerReplica(), "GPU") + (f.prefillGpus() > 0
            ? " + " + Units.count(f.prefillGpus()) + " prefill GPUs (what the pool needs at"
                + " peak, or its declared size if larger)"
            : "") + " = **" + Units.count(f.totalGpus()) + "** of "
        + Units.count(f.gpusAvailable()) + " GPUs (" + Units.margin(f.totalGpus(),
            f.gpusAvailable()) + ")");
    line();
    day(input, f);
    cost(input, fleet, f);
    alerts(fleet, sized, f);
    guardrails(input);
    if (!production.findings().isEmpty()) {
      line("### Findings");
      line();
      findings(production.findings());
    }
  }

  private void day(ProductionInput input, ProductionFigures f) {
    double peak = f.meanRequestsPerSecond() * input.peakToMean();
    line("### A day, autoscaled");
    line();
    line("- Mean rate: " + Units.number(peak) + " / " + Units.number(input.peakToMean())
        + " = " + Units.fixed(f.meanRequestsPerSecond(), 1) + " requests/s"
        + (input.peakToMean() == 1 ? ", flat all day." : "; the day is a sinusoid from "
            + Units.fixed(f.meanRequestsPerSecond() * (2 - input.peakToMean()), 1) + " to "
            + Units.fixed(peak, 1) + " requests/s."));
    line("- Serving GPUs follow the rate down to the floor of "
        + Units.percent(input.autoscalingFloor()) + " of peak: on average "
        + Units.percent(f.servingFraction()) + " of the peak serving GPUs (the mean of max(floor,"
        + " rate / peak) over the day); spares and deploy headroom are held all day.");
    long servingAtPeak = f.peakReplicas() * f.gpusPerReplica() + f.prefillGpus();
    line("- Average GPUs = " + Units.fixed(f.servingFraction(), 4) + " × "
        + (f.prefillGpus() > 0
            ? "(" + Units.count(servingAtPeak - f.prefillGpus()) + " decode + "
                + Units.count(f.prefillGpus()) + " prefill)"
            : Units.count(servingAtPeak)) + " + (" + Units.count(f.spareReplicas()) + " + "
        + Units.count(f.headroomReplicas()) + ") × " + f.gpusPerReplica() + " = **"
        + Units.fixed(f.averageGpus(), 1) + "**, against " + Units.count(f.totalGpus())
        + " provisioned for peak all day: " + Units.fixed(f.savedGpus(), 1) + " GPUs ("
        + Units.percent(f.savedGpus() / f.totalGpus()) + ") saved. On a cluster paid for used"
        + " or idle, the GPUs freed at night save money only when another stage (training, RL,"
        + " batch jobs) takes them.");
    line();
  }

  private void cost(ProductionInput input, FleetInput fleet, ProductionFigures f) {
    line("### Cost");
    line();
    line("- Per hour: " + Units.fixed(f.averageGpus(), 1) + " GPUs × "
        + Units.dollars(f.dollarsPerGpuHour()) + " = " + Units.dollars(f.dollarsPerHour())
        + "; per day **" + Units.dollars(f.dollarsPerDay()) + "** (provisioned for peak all"
        + " day: " + Units.dollars(f.peakDollarsPerDay()) + ")");
    line("- Requests a day: " + Units.fixed(f.meanRequestsPerSecond(), 1) + " × 86,400 = "
        + Units.count(Math.round(f.requestsPerDay())));
    line("- Per request: " + Units.dollars(f.dollarsPerDay()) + " / " + Units.count(
        Math.round(f.requestsPerDay())) + " = **" + Units.dollars(f.dollarsPerRequest()) + "**"
        + (input.maxDollarsPerRequest() > 0
            ? " (guardrail " + Units.dollars(input.maxDollarsPerRequest()) + ")"
            : ""));
    line("- Per million output tokens: " + Units.dollars(f.dollarsPerDay()) + " / ("
        + Units.count(Math.round(f.requestsPerDay())) + " × " + Units.count(
            fleet.traffic().outputTokens()) + " / 10^6) = **"
        + Units.dollars(f.dollarsPerMillionOutputTokens()) + "**, all cost charged to output");
    line("- Per million tokens, prompt and output: "
        + Units.dollars(f.dollarsPerMillionTokens()));
    line();
  }

  private void alerts(FleetInput fleet, FleetFigures sized, ProductionFigures f) {
    line("### Alerts for operations");
    line();
    line("Alert on these, which move before an incident, rather than on GPU utilization:");
    line();
    line("| signal | alert above | derived from |");
    line("| --- | --- | --- |");
    double rate = sized.requestsPerReplica() / sized.requestSeconds();
    if (fleet.traffic().offline()) {
      line("| requests queued per replica | none | an offline job has no time to first token"
          + " to miss: watch its progress against the deadline instead |");
    } else {
      queueRow(fleet, sized, f, rate);
    }
    kvRow(fleet, sized, f);
    line();
  }

  private void queueRow(FleetInput fleet, FleetFigures sized, ProductionFigures f, double rate) {
    line("| requests queued per replica | " + Units.count(f.queueDepthAlert()) + " | a replica"
        + " at capacity finishes " + Units.count(sized.requestsPerReplica()) + " / "
        + Units.fixed(sized.requestSeconds(), 1) + " s = " + Units.fixed(rate, 2)
        + " requests/s; the " + Units.millis(Math.max(0, fleet.slo().ttftMillis()
            - sized.prefillMillis())) + " of TTFT left after prefill covers "
        + Units.count(f.queueDepthAlert()) + " waiting |");
  }

  private void kvRow(FleetInput fleet, FleetFigures sized, ProductionFigures f) {
    long inUse = ProductionSizing.kvInUsePerRequestPerGpu(fleet);
    line("| KV-cache fill per GPU | " + Units.percent(f.kvCacheFillAlert()) + " | the planned"
        + " peak spreads " + Units.count(sized.inFlightRequests()) + " requests over "
        + Units.count(f.peakReplicas() + f.spareReplicas()) + " replicas, spares included; a"
        + " request in flight holds its prompt and on average half its output, "
        + Units.decimalBytes(inUse) + " of a GPU's " + Units.decimalBytes(
            sized.kvRoomBytesPerGpu()) + " KV room (the blocks an engine counts in use); above"
        + " it, traffic is past the plan |");
  }


  private void guardrails(ProductionInput input) {
    line("### Guardrails");
    line();
    List<String> rules = new ArrayList<>();
    if (input.ttftP99Millis() > 0) {
      rules.add("TTFT p99 above " + Units.number(input.ttftP99Millis()) + " ms");
    }
    if (input.maxRefusalRate() > 0) {
      rules.add("refusal rate above " + Units.percent(input.maxRefusalRate()));
    }
    if (input.maxDollarsPerRequest() > 0) {
      rules.add("cost above " + Units.dollars(input.maxDollarsPerRequest()) + " per request");
    }
    line(rules.isEmpty()
        ? "None declared: a deploy is not rolled back on TTFT, refusals or cost."
        : "A blue/green or rolling deploy rolls back on: " + String.join("; ", rules) + ".");
    line();
  }

  /** Writes the platform section: what each stage takes, the total, and the monthly cost. */
  void platform(PlatformAnalysis platform) {
    line("## " + platform.name() + " (platform)");
    line();
    if (platform.figures().isEmpty()) {
      line("Verdict: **fail**. The platform's inputs are invalid, so it was not sized:");
      line();
      findings(platform.findings());
      return;
    }
    PlatformFigures f = platform.figures().get();
    line(Units.count(f.clusterGpus()) + " × " + platform.input().gpu().name() + " at "
        + Units.dollars(f.dollarsPerGpuHour()) + " per GPU-hour: "
        + Units.dollars(f.dollarsPerHour()) + " an hour, **" + Units.dollars(f.dollarsPerMonth())
        + " a month** (730 hours), used or idle. Verdict: **" + platform.verdict().jsonName()
        + "**; binding constraint: **" + platform.binding().id() + "** ("
        + platform.binding().rule() + ").");
    line();
    line("| stage | kind | GPU | GPUs | what it holds |");
    line("| --- | --- | --- | --- | --- |");
    for (StageTake take : platform.takes()) {
      line("| " + take.who() + " | " + take.kind().id() + " | " + take.gpu() + " | "
          + Units.count(take.gpus()) + " | " + text(take.basis()) + " |");
    }
    line("| **all stages** | | | **" + Units.count(f.gpusUsed()) + " of "
        + Units.count(f.clusterGpus()) + "** | " + platform.margin() + " |");
    line();
    if (f.gpusFree() > 0) {
      line("The " + Units.count(f.gpusFree()) + " free GPUs cost "
          + Units.dollars(f.idleDollarsPerMonth()) + " a month idle.");
      line();
    }
    if (!platform.findings().isEmpty()) {
      line("### Findings");
      line();
      findings(platform.findings());
    }
  }

  /**
   * Writes the platform's edges into the design's diagram: the prefill pool before each
   * disaggregated fleet; and with a {@code @Platform}, training into RL, the new policy through
   * the evaluation gates to serving, and the flywheel from production traces through the
   * verifier back into the RL prompts.
   */
  static void diagram(DesignAnalysis design, Consumer<String> line) {
    List<FleetAnalysis> fleets = design.fleets();
    if (design.stages(PlatformAnalysis.class).isEmpty()) {
      return;
    }
    boolean training = !design.stages(TrainingAnalysis.class).isEmpty();
    List<RlAnalysis> loops = design.stages(RlAnalysis.class);
    if (training && !loops.isEmpty()) {
      line.accept("  training0 -->|\"policy checkpoint\"| learners0");
    }
    String source = !loops.isEmpty() ? "learners0" : training ? "training0" : null;
    for (int i = 0; i < fleets.size(); i++) {
      FleetAnalysis fleet = fleets.get(i);
      String gate = "gates" + i;
      String rules = fleet.gates().isEmpty()
          ? "no evaluation gate"
          : fleet.gates().stream().map(g -> label(g.rule())).collect(Collectors.joining("<br/>"));
      line.accept("  " + gate + "{{\"Eval gates: " + rules + "\"}} -->|\"deploy\"| fleet" + i);
      if (source != null) {
        line.accept("  " + source + " -->|\"candidate policy\"| " + gate);
      }
      if (!loops.isEmpty()) {
        line.accept("  fleet" + i + " -->|\"production traces\"| reward0");
      }
    }
    if (!loops.isEmpty() && !fleets.isEmpty()) {
      line.accept("  reward0 -.->|\"traces the verifier accepts: next RL prompts\"| actors0");
    }
  }
}
