package dev.headroom.runtime.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Checks production sizing and cost against hand arithmetic and REFERENCES.md R-E1. */
class ProductionSizingTest {

  private static ProductionAnalysis capstone(int gpus, ProductionInput input) {
    return ProductionSizing.analyse(input, CapstoneServing.sized(gpus));
  }

  private static ProductionInput with(double peakToMean, int spares, double deployHeadroom,
      double floor, double ttftP99Millis, double maxDollarsPerRequest) {
    return new ProductionInput("Serving", peakToMean, spares, deployHeadroom, 2.0, false, floor,
        ttftP99Millis, 0.02, maxDollarsPerRequest);
  }

  private static Finding only(List<Finding> findings, String id) {
    List<Finding> matching = findings.stream().filter(f -> f.id().equals(id)).toList();
    assertEquals(1, matching.size(), findings.toString());
    return matching.get(0);
  }

  @Test
  void rE1ADeepSeekServingDayCosts87072DollarsAnd0518PerMillionOutputTokens() {
    // REFERENCES.md R-E1: 226.75 nodes × 8 H800 on average at $2 per GPU-hour; 168B output
    // tokens a day.
    double perDay = ProductionSizing.dollarsPerDay(226.75 * 8, 2.0);
    assertEquals(87_072, perDay, 1e-9);
    assertEquals(0.518, ProductionSizing.dollarsPerMillion(perDay, 168e9), 0.0005);
  }

  @Test
  void capstoneProductionHoldsPeakSparesAndDeployHeadroom() {
    ProductionFigures f = capstone(1_024, CapstoneServing.production()).figures().orElseThrow();
    assertEquals(144, f.peakReplicas());
    assertEquals(2, f.spareReplicas());
    // ⌈(144 + 2) × 0.25⌉ = ⌈36.5⌉ = 37.
    assertEquals(37, f.headroomReplicas());
    assertEquals(183, f.totalReplicas());
    assertEquals(732, f.totalGpus());
    assertEquals(1_024, f.gpusAvailable());
  }

  @Test
  void capstoneDayIsAutoscaledToTheMeanAndPriced() {
    ProductionFigures f = capstone(1_024, CapstoneServing.production()).figures().orElseThrow();
    // r = 1.5: the trough is 500 × (2 − 1.5) / 1.5 = 166.7 requests/s, a third of peak, above
    // the 25% floor, so the serving GPUs average the mean: 576 / 1.5 = 384.
    assertEquals(500 / 1.5, f.meanRequestsPerSecond(), 1e-9);
    assertEquals(1 / 1.5, f.servingFraction(), 1e-12);
    // 384 serving + (2 spare + 37 deploy) × 4 = 540 GPUs on average.
    assertEquals(540, f.averageGpus(), 1e-9);
    assertEquals(192, f.savedGpus(), 1e-9);
    assertEquals(1_080, f.dollarsPerHour(), 1e-9);
    assertEquals(25_920, f.dollarsPerDay(), 1e-9);
    assertEquals(35_136, f.peakDollarsPerDay(), 1e-9);
    // 333.3 requests/s × 86,400 s = 28.8M requests; $25,920 / 28.8M = $0.0009.
    assertEquals(28_800_000, f.requestsPerDay(), 1e-6);
    assertEquals(0.0009, f.dollarsPerRequest(), 1e-15);
    // 28.8M × 2,500 output tokens = 72,000M: $0.36 per million; with prompts, 100,800M.
    assertEquals(0.36, f.dollarsPerMillionOutputTokens(), 1e-12);
    assertEquals(25_920 / 100_800.0, f.dollarsPerMillionTokens(), 1e-12);
  }

  @Test
  void capstoneAlertsComeFromTheReplicaCapacity() {
    ProductionFigures f = capstone(1_024, CapstoneServing.production()).figures().orElseThrow();
    // Prefill 2 × 70e9 × 1,000 / (4 × 1,978.9e12 FP8 × 0.4) = 44.2 ms of the 1,000 ms TTFT;
    // a full replica finishes 439 / 126 s = 3.48 requests/s; 0.9558 s × 3.48 = 3.33 → 3.
    assertEquals(3, f.queueDepthAlert());
    // The planned peak's 63,000 requests over 144 + 2 replicas, each holding its 1,000-token
    // prompt and half its 2,500-token output on average: 2,250 × 40,960 B = 92,160,000 B per
    // GPU, in 63,020,809,984 B of KV room per GPU: 63.1%.
    assertEquals(63_000.0 / 146 * 92_160_000 / 63_020_809_984.0, f.kvCacheFillAlert(), 1e-12);
  }

  @Test
  void capstonePassesBoundByTheBudgetWhenTheCostGuardrailHasMoreRoom() {
    ProductionAnalysis analysis = capstone(1_024, CapstoneServing.production());
    assertEquals(Verdict.PASS, analysis.verdict(), analysis.findings().toString());
    // Budget: (1,024 − 732) / 1,024 = 28.5% left; cost: 1 − 0.0009 / 0.01 = 91% left.
    assertEquals(Constraint.GPU_BUDGET, analysis.binding());
    assertEquals("28.5% spare", analysis.margin());
  }

  @Test
  void aTightCostGuardrailBindsWhenItHasLessRoomThanTheBudget() {
    // $0.001 a request: 1 − 0.0009 / 0.001 = 10% left, under the budget's 28.5%.
    ProductionAnalysis analysis = capstone(1_024, with(1.5, 2, 0.25, 0.25, 0, 0.001));
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.COST, analysis.binding());
    assertEquals("10.0% under the cost guardrail", analysis.margin());
  }

  @Test
  void sparesBeyondTheBudgetAreAProductionBudgetErrorOnTheFleetsGpus() {
    // 576 GPUs fit 580, but 144 + 2 spare replicas × 4 = 584 do not.
    ProductionAnalysis analysis = capstone(580, CapstoneServing.production());
    Finding budget = only(analysis.findings(), "headroom.production-budget");
    assertEquals(Subject.of(Anchor.FLEET, "gpus"), budget.subject());
    assertTrue(budget.message().contains("= 584 GPUs, over the fleet's 580"), budget.message());
    assertEquals(Constraint.GPU_BUDGET, analysis.binding());
    assertEquals(Verdict.FAIL, analysis.verdict());
  }

  @Test
  void aDeployThatCannotFitNamesTheLargestHeadroomThatDoes() {
    // Peak and spares take 584 of 600; 37 deploy replicas need 732. (600 − 584) / 4 = 4
    // replicas fit: 4 / 146 = 0.027.
    ProductionAnalysis analysis = capstone(600, CapstoneServing.production());
    Finding deploy = only(analysis.findings(), "headroom.deploy-headroom");
    assertEquals(Subject.of(Anchor.PRODUCTION, "deployHeadroom"), deploy.subject());
    assertTrue(deploy.message().contains("deployHeadroom of at most 0.027 (4 replicas at once)"),
        deploy.message());
  }

  @Test
  void noSparesIsAWarning() {
    ProductionAnalysis analysis = capstone(1_024, with(1.5, 0, 0.25, 0.25, 0, 0));
    Finding spares = only(analysis.findings(), "headroom.no-spares");
    assertEquals(Severity.WARNING, spares.severity());
    assertEquals(Subject.of(Anchor.PRODUCTION, "spareReplicas"), spares.subject());
    assertEquals(Verdict.WARN, analysis.verdict());
  }

  @Test
  void aBrokenCostGuardrailSaysHowManyGpusOrWhatPriceWouldMeetIt() {
    // $0.0009 against $0.0005: 1.8× over; 540 / 1.8 = 300 GPUs, or $2 / 1.8 = $1.11 an hour.
    ProductionAnalysis analysis = capstone(1_024, with(1.5, 2, 0.25, 0.25, 0, 0.0005));
    Finding cost = only(analysis.findings(), "headroom.cost-guardrail");
    assertEquals(Subject.of(Anchor.PRODUCTION, "maxDollarsPerRequest"), cost.subject());
    assertTrue(cost.message().contains("1.80× maxDollarsPerRequest = 0.0005"), cost.message());
    assertTrue(cost.message().contains("at most 300 GPUs (now 540"), cost.message());
    assertTrue(cost.message().contains("$1.11 per GPU-hour"), cost.message());
    assertEquals(Constraint.COST, analysis.binding());
  }

  @Test
  void aGuardrailTheSparesAloneBreakAsksForFewerOfThem() {
    // $0.0009 against $0.0001: 9× over, so an average of 540 / 9 = 60 GPUs; the 2 spare and 37
    // deploy replicas alone hold (2 + 37) × 4 = 156 GPUs all day.
    ProductionAnalysis analysis = capstone(1_024, with(1.5, 2, 0.25, 0.25, 0, 0.0001));
    Finding cost = only(analysis.findings(), "headroom.cost-guardrail");
    assertTrue(cost.message().contains("fewer spare or deploy replicas: they alone hold 156 GPUs"
        + " all day, and the guardrail allows an average of 60"), cost.message());
  }

  @Test
  void aBrokenCostGuardrailNamesTheFirstEightBitFormatThatMeetsIt() {
    // In BF16 the capstone fleet costs more than $0.00095 a request. FP8 KV cache alone leaves
    // 35 GB of weights per GPU: 317 requests per replica, 199 replicas, about $0.00124 a
    // request, still over. FP8 weights and KV cache are the capstone's own fleet: $0.0009.
    FleetInput bf16 = CapstoneServing.fleet(1_024).withPrecisions(Precision.BF16,
        Precision.BF16);
    ProductionAnalysis analysis = ProductionSizing.analyse(with(1.5, 2, 0.25, 0.25, 0, 0.00095),
        FleetSizing.analyse(bf16, Optional.empty(), Optional.empty(), List.of()));
    Finding cost = only(analysis.findings(), "headroom.cost-guardrail");
    assertTrue(cost.message().contains("Fix: weights = FP8, kvCache = FP8 ($0.0009 per"
        + " request; an @EvalGate must validate it)"), cost.message());
  }

  @Test
  void aTtftGuardrailBelowThePrefillIsAnError() {
    // Every request prefills for 44.2 ms; a 40 ms p99 guardrail would roll back every deploy.
    ProductionAnalysis analysis = capstone(1_024, with(1.5, 2, 0.25, 0.25, 40, 0));
    Finding guardrail = only(analysis.findings(), "headroom.ttft-guardrail");
    assertEquals(Subject.of(Anchor.PRODUCTION, "ttftP99Millis"), guardrail.subject());
  }

  @Test
  void noAutoscalingHoldsPeakAllDay() {
    ProductionFigures f =
        capstone(1_024, with(1.5, 2, 0.25, 1.0, 0, 0)).figures().orElseThrow();
    assertEquals(f.totalGpus(), f.averageGpus(), 1e-9);
    assertEquals(0, f.savedGpus(), 1e-9);
  }

  @Test
  void servingFractionAboveTheTroughMatchesTheHandIntegral() {
    // r = 2, floor 0.5: the rate is 0.5 × (1 + sin θ) of peak, above the floor half the day,
    // where it averages 0.5 + 0.5 × 2 / π; the other half it is held at 0.5:
    // (0.5 + 0.5 + 1 / π) / 2 = (π + 1) / 2π.
    assertEquals((Math.PI + 1) / (2 * Math.PI), ProductionSizing.servingFraction(2, 0.5), 1e-12);
  }

  @Test
  void servingFractionAgreesWithNumericIntegrationOfTheDay() {
    double[][] cases = {{1.2, 0.9}, {1.5, 0.5}, {1.8, 0.1}, {2, 0.25}, {1.3, 0.7}};
    for (double[] c : cases) {
      double r = c[0];
      double floor = c[1];
      int steps = 1_000_000;
      double sum = 0;
      for (int i = 0; i < steps; i++) {
        double theta = 2 * Math.PI * (i + 0.5) / steps;
        sum += Math.max(floor, (1 + (r - 1) * Math.sin(theta)) / r);
      }
      assertEquals(sum / steps, ProductionSizing.servingFraction(r, floor), 1e-9,
          "r = " + r + ", floor = " + floor);
    }
  }

  @Test
  void aPriceIsRequiredHereOrOnThePlatform() {
    ProductionInput unpriced =
        new ProductionInput("Serving", 1.5, 2, 0.25, 0, false, 0.25, 0, 0, 0);
    ProductionAnalysis analysis = capstone(1_024, unpriced);
    Finding price = only(analysis.findings(), "headroom.input-range");
    assertEquals(Subject.of(Anchor.PRODUCTION, "dollarsPerGpuHour"), price.subject());
    assertTrue(analysis.figures().isEmpty());
    ProductionInput priced = unpriced.pricedBy(OptionalDouble.of(2.0));
    assertTrue(priced.priceFromPlatform());
    assertEquals(540, capstone(1_024, priced).figures().orElseThrow().averageGpus(), 1e-9);
  }

  @Test
  void aPeakToMeanAboveTwoIsOutOfRange() {
    ProductionAnalysis analysis = capstone(1_024, with(2.5, 2, 0.25, 0.25, 0, 0));
    Finding ratio = only(analysis.findings(), "headroom.input-range");
    assertEquals(Subject.of(Anchor.PRODUCTION, "peakToMean"), ratio.subject());
  }
}
