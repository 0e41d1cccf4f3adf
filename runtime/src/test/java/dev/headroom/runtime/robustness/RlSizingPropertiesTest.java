package dev.headroom.runtime.robustness;

import static dev.headroom.runtime.robustness.Sanity.assertRenders;
import static dev.headroom.runtime.robustness.Sanity.assertSane;
import static dev.headroom.runtime.robustness.Sanity.bounded;
import static dev.headroom.runtime.robustness.Sanity.has;
import static dev.headroom.runtime.robustness.Sanity.hasError;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlAnalysis;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.rl.RlSizing;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** {@code RlSizing.analyse} is total: whatever a loop declares, it answers and never throws. */
class RlSizingPropertiesTest extends EngineInputs {

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void analysisIsTotalAndItsFiguresSane(@ForAll("loops") RlInput input) {
    RlAnalysis analysis = bounded("RlSizing.analyse", () -> RlSizing.analyse(input));

    assertSame(input, analysis.input());
    assertSane(analysis);
    if (analysis.figures().isEmpty()) {
      assertTrue(hasError(analysis.findings()), analysis.findings().toString());
    }
    assertRenders(List.of(analysis));
    Statistics.label("sized").collect(analysis.figures().isPresent());
    Statistics.label("sized").coverage(coverage ->
        coverage.check(true).percentage(share -> share >= 10));
  }

  /**
   * A valid loop whose rollout tokens per step, prompts × samples × rollout tokens, exceed a
   * {@code long} is an overflow error. The policy is tiny, so its actors hold any rollout.
   */
  @Property(tries = 60)
  void rolloutTokensBeyondALongAreAnOverflow(
      @ForAll @IntRange(min = 1_000_000, max = 10_000_000) int promptsPerStep,
      @ForAll @IntRange(min = 1_000_000, max = 10_000_000) int samplesPerPrompt,
      @ForAll @IntRange(min = 10_000_000, max = 100_000_000) int rolloutTokens,
      @ForAll Gpu gpu,
      @ForAll RlAlgorithm algorithm,
      @ForAll ZeroStage zero) {
    ModelShape tiny = new ModelShape("tiny", 0, 1, 1, 1, 1, 0, 1, 1, false, Precision.BF16);
    PoolInput actors = new PoolInput(GpuCatalog.spec(gpu), 8, Precision.INHERIT,
        ReplicaSplit.single(), ZeroStage.NONE, 5.0);
    PoolInput learners = new PoolInput(GpuCatalog.spec(gpu), 8, Precision.INHERIT,
        new ReplicaSplit(1, 1, 1, 8, 1), zero, 5.0);
    RlInput input = new RlInput("PolicyRl", tiny, tiny, Optional.empty(), tiny, algorithm,
        promptsPerStep, samplesPerPrompt, 1, rolloutTokens, rolloutTokens, 0, actors, learners,
        0.40, Recompute.FULL, 50, 0.5);
    BigInteger tokens = BigInteger.valueOf(promptsPerStep)
        .multiply(BigInteger.valueOf(samplesPerPrompt))
        .multiply(BigInteger.valueOf(rolloutTokens));
    assertTrue(tokens.bitLength() > 63, tokens::toString);

    RlAnalysis analysis = bounded("RlSizing.analyse", () -> RlSizing.analyse(input));

    assertTrue(has(analysis.findings(), Diagnostic.OVERFLOW), analysis.findings().toString());
    assertTrue(analysis.figures().isEmpty());
    assertSane(analysis);
    assertRenders(List.of(analysis));
  }
}
