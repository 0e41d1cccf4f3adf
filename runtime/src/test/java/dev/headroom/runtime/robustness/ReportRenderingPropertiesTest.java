package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertBalanced;
import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertTables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.DesignAnalysis;
import dev.headroom.runtime.report.JsonReport;
import dev.headroom.runtime.report.MarkdownReport;
import dev.headroom.runtime.report.StageAnalysis;
import dev.headroom.runtime.report.SvgCharts;
import dev.headroom.runtime.report.SvgXml;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.robustness.EngineInputs.FleetCase;
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
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A design with a stage of every kind and names of any characters renders without throwing. */
class ReportRenderingPropertiesTest {

  /** A design with a stage of every kind. */
  private record Design(FleetCase fleet, TrainingInput training, DataPlaneInput plane,
      RlInput loop) {
    static Design draw(Random random) {
      return new Design(EngineInputs.fleet(random), EngineInputs.training(random),
          EngineInputs.dataPlane(random), EngineInputs.loop(random));
    }
  }

  /** A design whose free text is all one name. */
  private record NamedDesign(Design design, String name) {}

  @Test
  void designWithEveryKindOfStageRenders() {
    SeededCases.check(0x5EED_DE51L, 200, 0, (random, index) -> Design.draw(random), design -> {
      assertRenders(analyse(design));
      return false;
    });
  }

  /**
   * Names (a model's, a baseline's, an estimate's source) of any characters never break the
   * renderers: the JSON's strings stay strings, and in the Markdown a name is inert text. It
   * adds no line, no HTML tag, no table cell and no quote that would end a Mermaid label: the
   * doc has as many of each as the same design's with plain names, and the charts stay
   * well-formed XML.
   */
  @Test
  void anyNameRendersAsInertText() {
    SeededCases.check(0x5EED_4A3EL, 200, 0,
        (random, index) -> new NamedDesign(Design.draw(random), EngineInputs.name(random)),
        named -> {
          DesignAnalysis design = design(renamed(named.design(), named.name()));
          String json = JsonReport.render(design);
          String markdown = MarkdownReport.render(design);

          assertBalanced(json);
          assertTrue(json.endsWith("}\n"), json);
          assertTables(markdown);
          String plain = MarkdownReport.render(design(renamed(named.design(), "Plain")));
          assertEquals(plain.split("\n", -1).length, markdown.split("\n", -1).length,
              "a name added lines");
          assertEquals(count(plain, '<'), count(markdown, '<'), "a name added a tag");
          assertEquals(count(mermaid(plain), '"'), count(mermaid(markdown), '"'),
              "a name added a quote to a Mermaid diagram");
          // The fleet's and the training job's summary lines start with the model's name: a
          // name such as "# heading" must not open a heading there.
          assertEquals(headings(plain), headings(markdown), "a name added a heading");
          // In the charts the model's name is XML text: each still parses as plain SVG.
          for (SvgCharts.Chart chart : SvgCharts.render(design)) {
            SvgXml.parse(chart.svg());
          }
          return false;
        });
  }

  private static DesignAnalysis design(Design design) {
    return new DesignAnalysis("com.acme.Platform", "Platform", analyse(design));
  }

  private static List<StageAnalysis> analyse(Design design) {
    FleetCase fleet = design.fleet();
    TrainingAnalysis job = TrainingSizing.analyse(design.training());
    return List.of(
        FleetSizing.analyse(fleet.input(), fleet.baseline(), fleet.estimate()),
        job,
        DataPlaneSizing.analyse(design.plane(), job),
        RlSizing.analyse(design.loop()));
  }

  /** Returns {@code design} with its models, baseline and estimate sources named {@code name}. */
  private static Design renamed(Design design, String name) {
    FleetCase fleet = design.fleet();
    FleetInput input = fleet.input();
    FleetInput named = new FleetInput(input.name(), renamed(input.model(), name),
        input.traffic(), input.slo(), input.gpu(), input.gpus(), input.split(), input.weights(),
        input.kvCache(), input.reservedGbPerGpu(), input.kvSizing(), input.prefillEfficiency());
    Optional<BaselineChanges> baseline = fleet.baseline().map(before -> new BaselineChanges(
        name, before.weights(), before.kvCache(), before.tensor(), before.promptTokens(),
        before.outputTokens(), before.requestsPerSecond(),
        before.estimate().map(by -> renamed(by, name))));
    Optional<HandEstimate> estimate = fleet.estimate().map(by -> renamed(by, name));
    RlInput loop = design.loop();
    ModelShape policy = renamed(loop.policy(), name);
    RlInput renamedLoop = new RlInput(loop.name(), policy,
        loop.reference() == loop.policy() ? policy : renamed(loop.reference(), name),
        loop.reward().map(reward -> renamed(reward, name)),
        loop.critic() == loop.policy() ? policy : renamed(loop.critic(), name),
        loop.algorithm(), loop.promptsPerStep(), loop.samplesPerPrompt(), loop.promptTokens(),
        loop.rolloutTokens(), loop.maxRolloutTokens(), loop.maxStaleness(), loop.actors(),
        loop.learners(), loop.learnerMfu(), loop.learnerRecompute(),
        loop.broadcastGbPerSecond(), loop.broadcastEfficiency());
    TrainingInput training = design.training();
    TrainingInput renamedTraining = new TrainingInput(training.name(),
        renamed(training.model(), name), training.gpu(), training.gpus(), training.split(),
        training.zero(), training.globalBatchTokens(), training.sequenceLength(),
        training.microBatchSequences(), training.targetStepSeconds(), training.mfu(),
        training.optimizer(), training.recompute(), training.reservedGbPerGpu(),
        training.trainingTokens());
    return new Design(new FleetCase(named, baseline, estimate), renamedTraining,
        design.plane(), renamedLoop);
  }

  private static ModelShape renamed(ModelShape model, String name) {
    return new ModelShape(name, model.declaredParameters(), model.layers(), model.hiddenSize(),
        model.attentionHeads(), model.kvHeads(), model.declaredHeadDim(),
        model.intermediateSize(), model.vocabSize(), model.tiedEmbeddings(), model.dtype());
  }

  private static HandEstimate renamed(HandEstimate estimate, String source) {
    return new HandEstimate(source, estimate.requestsPerReplica(), estimate.replicas(),
        estimate.gpusNeeded());
  }

  private static long count(String text, char c) {
    return text.chars().filter(each -> each == c).count();
  }

  /** Returns the lines of the Mermaid diagrams in {@code markdown}. */
  private static String mermaid(String markdown) {
    StringBuilder diagrams = new StringBuilder();
    boolean inside = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        inside = line.equals("```mermaid");
      } else if (inside) {
        diagrams.append(line).append('\n');
      }
    }
    return diagrams.toString();
  }

  /** Returns the lines of {@code markdown} that are ATX headings. */
  private static long headings(String markdown) {
    return markdown.lines().filter(line -> line.startsWith("#")).count();
  }
}
