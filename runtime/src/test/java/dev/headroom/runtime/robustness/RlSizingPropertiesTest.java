package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertSane;
import static dev.headroom.runtime.robustness.Sanity.has;
import static dev.headroom.runtime.robustness.Sanity.hasError;
import static dev.headroom.runtime.robustness.SeededCases.assertNoNegativeCount;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Severity;
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.validation.InputChecks;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code RlSizing.analyse} is total: whatever a loop declares, it answers and never throws. */
class RlSizingPropertiesTest {

  /** The most GPUs a pool may have, as {@code RlValidation} accepts it. */
  private static final int MAX_POOL_GPUS = 1_000_000;

  @Test
  void analysisIsTotalAndItsFiguresSane() {
    SeededCases.check(0x5EED_4A11L, 1_000, 10,
        (random, index) -> EngineInputs.loop(random), input -> {
          RlAnalysis analysis = RlSizing.analyse(input);

          assertSame(input, analysis.input());
          assertSane(analysis);
          assertNoNegativeCount(analysis.name(), analysis.figuresByName());
          if (analysis.figures().isEmpty()) {
            assertTrue(hasError(analysis.findings()), analysis.findings()::toString);
          }
          // A critic is validated whatever the algorithm, since it is sized for the doc anyway.
          InputChecks critic = new InputChecks();
          critic.model(input.critic(), Anchor.CRITIC);
          if (input.critic() != input.policy() && critic.hasErrors()) {
            assertTrue(hasErrorOn(analysis, Anchor.CRITIC), analysis.findings()::toString);
            assertFalse(has(analysis.findings(), Diagnostic.OVERFLOW));
          }
          // A pool holds at most a million GPUs.
          if (input.actors().gpus() > MAX_POOL_GPUS) {
            assertTrue(hasErrorOn(analysis, Anchor.ACTORS), analysis.findings()::toString);
          }
          if (input.learners().gpus() > MAX_POOL_GPUS) {
            assertTrue(hasErrorOn(analysis, Anchor.LEARNERS), analysis.findings()::toString);
          }
          assertRenders(List.of(analysis));
          return analysis.figures().isPresent();
        });
  }

  private static boolean hasErrorOn(RlAnalysis analysis, Anchor anchor) {
    return analysis.findings().stream().anyMatch(finding ->
        finding.severity() == Severity.ERROR && finding.subject().anchor() == anchor);
  }

  /**
   * A valid loop whose rollout tokens per step, prompts × samples × rollout tokens, exceed a
   * {@code long} is an overflow error. The policy is tiny, so its actors hold any rollout.
   */
  @Test
  void rolloutTokensBeyondALongAreAnOverflow() {
    SeededCases.check(0x0FE7_4A11L, 60, 0, (random, index) -> {
      int promptsPerStep = 1_000_000 + random.nextInt(9_000_001);
      int samplesPerPrompt = 1_000_000 + random.nextInt(9_000_001);
      int rolloutTokens = 10_000_000 + random.nextInt(90_000_001);
      // Each GPU, algorithm and ZeRO stage in turn.
      Gpu gpu = Gpu.values()[index % Gpu.values().length];
      RlAlgorithm algorithm = RlAlgorithm.values()[index % RlAlgorithm.values().length];
      ZeroStage zero = ZeroStage.values()[index % ZeroStage.values().length];
      ModelShape tiny = new ModelShape("tiny", 0, 1, 1, 1, 1, 0, 1, 1, false, Precision.BF16);
      PoolInput actors = new PoolInput(GpuCatalog.spec(gpu), 8, Precision.INHERIT,
          ReplicaSplit.single(), ZeroStage.NONE, 5.0);
      PoolInput learners = new PoolInput(GpuCatalog.spec(gpu), 8, Precision.INHERIT,
          new ReplicaSplit(1, 1, 1, 8, 1), zero, 5.0);
      return new RlInput("PolicyRl", tiny, tiny, Optional.empty(), tiny, algorithm,
          promptsPerStep, samplesPerPrompt, 1, rolloutTokens, rolloutTokens, 0, actors,
          learners, 0.40, Recompute.FULL, 50, 0.5);
    }, input -> {
      BigInteger tokens = BigInteger.valueOf(input.promptsPerStep())
          .multiply(BigInteger.valueOf(input.samplesPerPrompt()))
          .multiply(BigInteger.valueOf(input.rolloutTokens()));
      assertTrue(tokens.bitLength() > 63, tokens::toString);

      RlAnalysis analysis = RlSizing.analyse(input);

      assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings()::toString);
      assertTrue(analysis.figures().isEmpty());
      assertSane(analysis);
      assertRenders(List.of(analysis));
      return false;
    });
  }
}
