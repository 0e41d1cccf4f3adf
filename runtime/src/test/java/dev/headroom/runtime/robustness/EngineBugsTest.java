package dev.headroom.runtime.robustness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.serving.BaselineChanges;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.HandEstimate;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingInput;
import dev.headroom.runtime.training.TrainingSizing;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The smallest inputs that show each engine bug the robustness properties ran into (#7). */
class EngineBugsTest {
  private static final GpuSpec H100 = GpuCatalog.spec(Gpu.H100_SXM);

  /** The capstone's 70B: the Llama 3 70B shape with its round 70 billion parameters. */
  private static final ModelShape LLAMA_70B = new ModelShape(
      "70B", 70e9, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);

  /** Llama 3 8B's shape, parameters derived. */
  private static final ModelShape LLAMA_8B = new ModelShape(
      "8B", 0, 32, 4096, 32, 8, 0, 14336, 128256, false, Precision.BF16);

  /** A valid model of 12 parameters: one layer, every width 1. */
  private static final ModelShape TINY =
      new ModelShape("tiny", 0, 1, 1, 1, 1, 0, 1, 1, false, Precision.BF16);

  /**
   * A step that misses its target makes {@code TrainingSizing.stepLevers}, and then {@code
   * TrainingDoc.compute} for the doc, call {@code smallestData}, which tries every data degree
   * from the GPUs needed up to the sequences of a step, one by one. A batch of 999,999,999,989
   * one-token sequences (a prime, within the 10^12 accepted) that needs 2 GPUs takes about
   * 10^12 iterations: about an hour per call, measured at 36 s for a 10^10 prime.
   */
  @Test
  void smallestDataScansUpToTheSequencesOfAStep() {
    TrainingInput input = new TrainingInput("Pretraining", TINY, H100, 1, ReplicaSplit.single(),
        ZeroStage.NONE, 999_999_999_989L, 1, 1, 0.1, 0.40, Optimizer.ADAMW, Recompute.NONE, 5.0,
        0);

    TrainingAnalysis analysis = assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> TrainingSizing.analyse(input));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MarkdownReport.render(
        new DesignAnalysis("com.acme.Platform", "Platform", List.of(analysis))));
  }

  /**
   * {@code RlSizing.balance} tries every split of the pools' GPUs in steps of one actor
   * replica, sizing the rollout at each, about 55 ns a split; a pool's {@code gpus} has no upper
   * bound, so 2,147,483,647 actor GPUs of one GPU per replica take about two minutes.
   */
  @Test
  void rlBalanceScanIsLinearInTheGpuCount() {
    PoolInput actors = new PoolInput(H100, Integer.MAX_VALUE, Precision.INHERIT,
        ReplicaSplit.single(), ZeroStage.NONE, 5.0);
    PoolInput learners = new PoolInput(H100, 8, Precision.INHERIT,
        new ReplicaSplit(1, 1, 1, 8, 1), ZeroStage.THREE, 5.0);
    RlInput input = new RlInput("PolicyRl", LLAMA_8B, LLAMA_8B, Optional.empty(), LLAMA_8B,
        RlAlgorithm.GRPO, 64, 8, 512, 1_024, 2_048, 0, actors, learners, 0.40, Recompute.FULL,
        50, 0.5);

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> RlSizing.analyse(input));
  }

  /**
   * Each degree passes its own check (tensor ≤ 100,000 dividing the heads, pipeline ≤ the
   * layers, data and context ≤ 100,000), but {@code TrainingValidation.checkLayout} multiplies
   * the four in a {@code long} unchecked: 10^19 wraps, and the layout error reads {@code =
   * -8,446,744,073,709,551,616 GPUs} and advises {@code set gpus = -8,446,744,073,709,551,616}.
   */
  @Test
  void layoutProductIsPrintedWrapped() {
    ModelShape wide = new ModelShape(
        "wide", 1e9, 10_000, 100_000, 100_000, 100_000, 1, 1_000, 1_000, false, Precision.BF16);
    TrainingInput input = new TrainingInput("Pretraining", wide, H100, 8,
        new ReplicaSplit(100_000, 10_000, 1, 100_000, 100_000), ZeroStage.NONE,
        1_000_000_000_000L, 100_000, 1, 1.0, 0.40, Optimizer.ADAMW, Recompute.NONE, 5.0, 0);

    TrainingAnalysis analysis = TrainingSizing.analyse(input);

    for (Finding finding : analysis.findings()) {
      assertFalse(finding.message().contains("-8,446,744,073,709,551,616"), finding.formatted());
    }
  }

  /**
   * {@code RlValidation} checks a critic only under PPO, yet {@code RlSizing.figures} sizes
   * one for every loop (the GRPO-against-PPO column of the doc). A GRPO loop whose declared
   * critic has {@code attentionHeads = 0} gets no error on the critic: its {@code headDim()}
   * divides by zero, and the loop reports {@code headroom.overflow} on {@code @RlLoop} ("the
   * inputs are beyond any real platform"). A critic that is merely inconsistent (heads that do
   * not divide, {@code dtype = INHERIT}) is sized without a word.
   */
  @Test
  void grpoCriticIsSizedButNeverValidated() {
    ModelShape headless = new ModelShape(
        "critic", 0, 32, 4096, 0, 8, 0, 14336, 128256, false, Precision.BF16);
    RlAnalysis analysis = RlSizing.analyse(loop(RlAlgorithm.GRPO, headless));

    assertFalse(
        Sanity.has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings()::toString);
    assertTrue(analysis.findings().stream().anyMatch(finding ->
        finding.diagnostic() == Diagnostic.INPUT_RANGE
            && finding.subject().anchor() == Anchor.CRITIC
            && finding.subject().member().equals("attentionHeads")),
        analysis.findings()::toString);
  }

  private static RlInput loop(RlAlgorithm algorithm, ModelShape critic) {
    PoolInput actors = new PoolInput(H100, 8, Precision.INHERIT, ReplicaSplit.single(),
        ZeroStage.NONE, 5.0);
    PoolInput learners = new PoolInput(H100, 8, Precision.INHERIT,
        new ReplicaSplit(1, 1, 1, 8, 1), ZeroStage.THREE, 5.0);
    return new RlInput("PolicyRl", LLAMA_8B, LLAMA_8B, Optional.empty(), critic, algorithm,
        64, 8, 512, 1_024, 2_048, 0, actors, learners, 0.40, Recompute.FULL, 50, 0.5);
  }

  /**
   * Bug, or a gap in the spec: {@code kvRoomBytesPerGpu} is memory − weights − reserved,
   * negative when the weights do not fit, and goes to the JSON and the typed report as a
   * negative byte count (-1,919,479,190,016 for 10^12 BF16 parameters on one H100), while
   * every other count and byte figure is at least 0 and {@code kvBytesPerReplica} clamps the
   * same room at 0.
   */
  @Test
  void kvRoomIsANegativeByteCountWhenWeightsDoNotFit() {
    ModelShape trillion = new ModelShape(
        "1T", 1e12, 80, 8192, 64, 8, 0, 28672, 128256, false, Precision.BF16);
    FleetInput input = new FleetInput("Serving", trillion, new Traffic(1, 100, 100),
        new LatencySlo(1_000, 50), H100, 8, ReplicaSplit.single(), Precision.INHERIT,
        Precision.INHERIT, 5.0, KvSizing.PEAK, 0.40);

    FleetAnalysis analysis = FleetSizing.analyse(input, Optional.empty(), Optional.empty());

    assertTrue(analysis.figures().orElseThrow().kvRoomBytesPerGpu() >= 0,
        () -> "kvRoomBytesPerGpu = " + analysis.figures().orElseThrow().kvRoomBytesPerGpu());
  }

  /**
   * A model's name (and a baseline's, and an estimate's source) goes into the doc verbatim: a
   * {@code <script>} element stays live HTML wherever the Markdown is rendered, a line break
   * starts a new Markdown block (here a heading) and cuts the Mermaid node it is in, and a
   * quote ends the node's label. The fleet's summary line, its diagram node and the walk table
   * all carry the raw text.
   */
  @Test
  void namesGoIntoTheMarkdownRaw() {
    String name = "x <script>alert(1)</script> \"q\"\n# Injected";
    String doc = MarkdownReport.render(design(fleet(named(LLAMA_70B, name)), "baseline"));

    assertFalse(doc.contains("<script>"), doc);
    assertFalse(doc.lines().anyMatch(line -> line.startsWith("# Injected")), doc);
    // A quote is plain text in Markdown prose; inside a Mermaid label it would end the label.
    String diagram = doc.substring(doc.indexOf("```mermaid"), doc.indexOf("```\n", 10));
    assertFalse(diagram.contains("\"q\""), diagram);
  }

  /**
   * A baseline's name becomes the first cell of the walk table unescaped: {@code the naive |
   * old design} makes that row one cell longer than its header, and a line break in it ends
   * the table.
   */
  @Test
  void baselineNameBreaksTheWalkTable() {
    String doc = MarkdownReport.render(design(fleet(LLAMA_70B), "the naive | old\ndesign"));

    Sanity.assertTables(doc);
  }

  /**
   * {@code @Estimate} counts are never validated: {@code requestsPerReplica = -5} shows in the
   * doc as {@code ~-5}, and {@code replicas = Long.MIN_VALUE} as {@code
   * ~-9,223,372,036,854,775,808}, where {@code MarkdownReport.near} also computes {@code
   * estimated - exact} unchecked. A negative count is bad input: it should be an input-range
   * error on the member.
   */
  @Test
  void negativeEstimateIsAcceptedSilently() {
    FleetInput input = fleet(LLAMA_70B);
    FleetAnalysis analysis = FleetSizing.analyse(input, Optional.empty(),
        Optional.of(new HandEstimate("napkin", -5, Long.MIN_VALUE, 0)));

    assertTrue(Sanity.hasError(analysis.findings()), analysis.findings()::toString);
  }

  /** Returns the revised capstone fleet of {@code model}: FP8, tensor 4, 1,024 H100s. */
  private static FleetInput fleet(ModelShape model) {
    return new FleetInput("Serving", model, new Traffic(500, 1_000, 2_500),
        new LatencySlo(1_000, 50), H100, 1_024, new ReplicaSplit(4, 1, 1, 1, 1), Precision.FP8,
        Precision.FP8, 5.0, KvSizing.PEAK, 0.40);
  }

  /** Returns a design of {@code fleet} revised from a baseline named {@code baseline}. */
  private static DesignAnalysis design(FleetInput fleet, String baseline) {
    BaselineChanges before = new BaselineChanges(baseline, Precision.FP16, Precision.FP16, 0,
        0, 4_000, 0, Optional.of(new HandEstimate("napkin", 100, 1_005, 4_000)));
    List<StageAnalysis> stages =
        List.of(FleetSizing.analyse(fleet, Optional.of(before), Optional.empty()));
    return new DesignAnalysis("com.acme.Platform", "Platform", stages);
  }

  private static ModelShape named(ModelShape model, String name) {
    return new ModelShape(name, model.declaredParameters(), model.layers(), model.hiddenSize(),
        model.attentionHeads(), model.kvHeads(), model.declaredHeadDim(),
        model.intermediateSize(), model.vocabSize(), model.tiedEmbeddings(), model.dtype());
  }
}
