package dev.headroom.runtime.rl;

import static dev.headroom.runtime.rl.RlCases.H100;
import static dev.headroom.runtime.rl.RlCases.actors;
import static dev.headroom.runtime.rl.RlCases.assertContains;
import static dev.headroom.runtime.rl.RlCases.capstone;
import static dev.headroom.runtime.rl.RlCases.loop;
import static dev.headroom.runtime.rl.RlCases.only;
import static dev.headroom.runtime.rl.RlCases.withTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.report.Verdict;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that {@code RlValidation} rejects invalid RL loops on the member at fault. */
class RlValidationTest {

  private static RlInput withSamples(RlAlgorithm algorithm, int samplesPerPrompt) {
    RlInput c = capstone();
    return loop(algorithm, samplesPerPrompt, c.maxRolloutTokens(), c.maxStaleness(), c.actors(),
        c.learners(), c.broadcastGbPerSecond());
  }

  private static RlInput withLearners(int gpus, int tensor, int data) {
    PoolInput learners = new PoolInput(H100, gpus, Precision.INHERIT,
        new ReplicaSplit(tensor, 1, 1, data, 1), ZeroStage.THREE, 5.0);
    return capstone().withPools(capstone().actors(), learners);
  }

  @Test
  void capstoneLoopIsValid() {
    // PolicyRl as declared: 448 = 112 × 4 actors, 320 = 8 × 40 learners, GRPO groups of 16.
    assertEquals(List.of(), RlValidation.check(capstone()));
  }

  @Test
  void grpoWithOneSamplePerPromptIsAnInputRangeError() {
    // GRPO's advantage compares each sample with its group's mean: a group of 1 has none.
    RlAnalysis analysis = RlSizing.analyse(withSamples(RlAlgorithm.GRPO, 1));
    Finding finding = only(analysis.findings(), "headroom.input-range", Anchor.RL_LOOP,
        "samplesPerPrompt");
    assertEquals(Severity.ERROR, finding.severity());
    assertContains(finding.message(), "samplesPerPrompt = 1 is out of range");
    assertContains(finding.message(), "at least 2 for GRPO");
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.INPUT, analysis.binding());
    assertTrue(analysis.figures().isEmpty());
  }

  @Test
  void ppoWithOneSamplePerPromptIsValid() {
    // PPO's critic supplies the baseline, so one sample per prompt is allowed.
    assertEquals(List.of(), RlValidation.check(withSamples(RlAlgorithm.PPO, 1)));
  }

  @Test
  void maxRolloutBelowTheMeanIsAnInputRangeError() {
    // The longest rollout (3,999) cannot be shorter than the mean (4,000).
    List<Finding> findings = RlValidation.check(withTokens(capstone(), 4_000, 3_999));
    Finding finding = only(findings, "headroom.input-range", Anchor.RL_LOOP, "maxRolloutTokens");
    assertContains(finding.message(), "maxRolloutTokens = 3,999 is out of range");
    assertContains(finding.message(), "at least the mean, rolloutTokens = 4,000");
  }

  @Test
  void maxRolloutEqualToTheMeanIsValid() {
    // Every sample exactly 4,000 tokens: mean = max.
    assertEquals(List.of(), RlValidation.check(withTokens(capstone(), 4_000, 4_000)));
  }

  @Test
  void actorGpusNotAWholeNumberOfReplicasIsALayoutError() {
    // 450 GPUs / (tensor 4 × pipeline 1) = 112.5 replicas.
    RlInput input = capstone().withPools(actors(450, 4), capstone().learners());
    RlAnalysis analysis = RlSizing.analyse(input);
    Finding finding = only(analysis.findings(), "headroom.layout", Anchor.ACTORS, "gpus");
    assertEquals(Severity.ERROR, finding.severity());
    assertContains(finding.message(), "gpus = 450 is not a whole number of actor replicas of"
        + " tensor 4 × pipeline 1 = 4 GPUs");
    assertContains(finding.message(), "use a multiple of 4");
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertTrue(analysis.figures().isEmpty());
  }

  @Test
  void learnerDegreesNotMultiplyingToTheGpusIsALayoutError() {
    // tensor 8 × pipeline 1 × data 40 × context 1 = 320 GPUs, but gpus = 300.
    RlAnalysis analysis = RlSizing.analyse(withLearners(300, 8, 40));
    Finding finding = only(analysis.findings(), "headroom.layout", Anchor.LEARNERS, "gpus");
    assertEquals(Severity.ERROR, finding.severity());
    assertContains(finding.message(),
        "tensor 8 × pipeline 1 × data 40 × context 1 = 320 GPUs, but gpus = 300");
    assertTrue(analysis.figures().isEmpty());
  }

  @Test
  void learnerTensorThatDoesNotSplitTheHeadsIsAHeadsError() {
    // 64 attention heads do not split over tensor 6 (6 × 50 = 300 GPUs, which add up).
    List<Finding> findings = RlValidation.check(withLearners(300, 6, 50));
    only(findings, "headroom.heads-divisible", Anchor.LEARNER_PARALLELISM, "tensor");
  }

  @Test
  void negativeStalenessIsAnInputRangeError() {
    RlInput c = capstone();
    RlInput input = loop(c.algorithm(), 16, 8_192, -1, c.actors(), c.learners(), 50);
    only(RlValidation.check(input), "headroom.input-range", Anchor.RL_LOOP, "maxStaleness");
  }

  @Test
  void broadcastEfficiencyAboveOneIsAnInputRangeError() {
    RlInput c = capstone();
    RlInput input = new RlInput(c.name(), c.policy(), c.reference(), c.reward(), c.critic(),
        c.algorithm(), c.promptsPerStep(), c.samplesPerPrompt(), c.promptTokens(),
        c.rolloutTokens(), c.maxRolloutTokens(), c.maxStaleness(), c.actors(), c.learners(),
        c.learnerMfu(), c.learnerRecompute(), c.broadcastGbPerSecond(), 1.5);
    only(RlValidation.check(input), "headroom.input-range", Anchor.RL_LOOP,
        "broadcastEfficiency");
  }

  @Test
  void learnerPrecisionIsAWarningThatItIsIgnored() {
    // Learners are sized for mixed-precision AdamW (16 bytes per parameter) whatever precision
    // says, so an FP8 learner pool is named as not modelled, not silently dropped.
    PoolInput fp8 = new PoolInput(H100, 320, Precision.FP8, new ReplicaSplit(8, 1, 1, 40, 1),
        ZeroStage.THREE, 5.0);
    List<Finding> findings =
        RlValidation.check(capstone().withPools(capstone().actors(), fp8));
    Finding finding = only(findings, "headroom.not-modelled", Anchor.LEARNERS, "precision");
    assertEquals(Severity.WARNING, finding.severity());
    assertContains(finding.message(), "precision = FP8 is not modelled here and is ignored");
  }

  @Test
  void aPoolOfMoreThanAMillionGpusIsOutOfRange() {
    // The balance search walks the actor pool a replica at a time: an absurd pool is refused
    // before it could stall the compiler.
    PoolInput huge = actors(2_000_000_000, 4);
    List<Finding> findings = RlValidation.check(capstone().withPools(huge, capstone().learners()));
    Finding finding = only(findings, "headroom.input-range", Anchor.ACTORS, "gpus");
    assertContains(finding.message(), "at most 1,000,000");
  }
}
