package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertBalanced;
import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.bounded;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.JsonReport;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.serving.BaselineChanges;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.FleetSizing;
import dev.headroom.runtime.serving.HandEstimate;
import dev.headroom.runtime.training.DataPlaneInput;
import dev.headroom.runtime.training.DataPlaneSizing;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.training.TrainingInput;
import dev.headroom.runtime.training.TrainingSizing;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** A design with a stage of every kind and names of any characters renders without throwing. */
class ReportRenderingPropertiesTest extends EngineInputs {

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void designWithEveryKindOfStageRenders(
      @ForAll("fleets") FleetCase fleet,
      @ForAll("trainings") TrainingInput training,
      @ForAll("dataPlanes") DataPlaneInput plane,
      @ForAll("loops") RlInput loop) {
    assertRenders(analyse(fleet, training, plane, loop));
  }

  /**
   * Names (a model's, a baseline's, an estimate's source) of any characters never break the
   * renderers; the JSON's strings stay strings. Markdown tables and tags are checked, and found
   * broken, in {@link EngineBugsTest}.
   */
  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void anyNameRendersAndStaysInsideItsJsonString(
      @ForAll("fleets") FleetCase fleet,
      @ForAll("trainings") TrainingInput training,
      @ForAll("dataPlanes") DataPlaneInput plane,
      @ForAll("loops") RlInput loop,
      @ForAll("names") String name) {
    FleetInput named = fleet.input();
    named = new FleetInput(named.name(), renamed(named.model(), name), named.traffic(),
        named.slo(), named.gpu(), named.gpus(), named.split(), named.weights(),
        named.kvCache(), named.reservedGbPerGpu(), named.kvSizing(), named.prefillEfficiency());
    Optional<BaselineChanges> baseline = fleet.baseline().map(before -> new BaselineChanges(
        name, before.weights(), before.kvCache(), before.tensor(), before.promptTokens(),
        before.outputTokens(), before.requestsPerSecond(), before.estimate()));
    Optional<HandEstimate> estimate = fleet.estimate().map(by -> new HandEstimate(
        name, by.requestsPerReplica(), by.replicas(), by.gpusNeeded()));
    ModelShape policy = renamed(loop.policy(), name);
    RlInput renamedLoop = new RlInput(loop.name(), policy,
        loop.reference() == loop.policy() ? policy : loop.reference(),
        loop.reward().map(reward -> renamed(reward, name)),
        loop.critic() == loop.policy() ? policy : loop.critic(),
        loop.algorithm(), loop.promptsPerStep(), loop.samplesPerPrompt(), loop.promptTokens(),
        loop.rolloutTokens(), loop.maxRolloutTokens(), loop.maxStaleness(), loop.actors(),
        loop.learners(), loop.learnerMfu(), loop.learnerRecompute(),
        loop.broadcastGbPerSecond(), loop.broadcastEfficiency());
    List<StageAnalysis> stages = analyse(
        new FleetCase(named, baseline, estimate), training, plane, renamedLoop);
    DesignAnalysis design = new DesignAnalysis("com.acme.Platform", "Platform", stages);

    String json = bounded("JsonReport.render", () -> JsonReport.render(design));
    String markdown = bounded("MarkdownReport.render", () -> MarkdownReport.render(design));

    assertBalanced(json);
    assertFalse(markdown.isEmpty());
    assertTrue(json.endsWith("}\n"), json);
  }

  /** Returns names of any characters, and those that break Markdown, HTML, JSON and Java. */
  @Provide
  Arbitrary<String> names() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(1, Arbitraries.of("a | b", "<script>alert(1)</script>", "*/ /*", "`code`",
            "\"quoted\" 'single'", "line\nbreak\r\n", "back\\slash \\u0022", "\u0000\u001f\u007f",
            "\ud800 lone surrogate", "\u2028\u2029", "# heading", "]]> -->", "")));
  }

  private static List<StageAnalysis> analyse(
      FleetCase fleet, TrainingInput training, DataPlaneInput plane, RlInput loop) {
    TrainingAnalysis job =
        bounded("TrainingSizing.analyse", () -> TrainingSizing.analyse(training));
    return List.of(
        bounded("FleetSizing.analyse",
            () -> FleetSizing.analyse(fleet.input(), fleet.baseline(), fleet.estimate())),
        job,
        bounded("DataPlaneSizing.analyse", () -> DataPlaneSizing.analyse(plane, job)),
        bounded("RlSizing.analyse", () -> RlSizing.analyse(loop)));
  }

  private static ModelShape renamed(ModelShape model, String name) {
    return new ModelShape(name, model.declaredParameters(), model.layers(), model.hiddenSize(),
        model.attentionHeads(), model.kvHeads(), model.declaredHeadDim(),
        model.intermediateSize(), model.vocabSize(), model.tiedEmbeddings(), model.dtype());
  }
}
