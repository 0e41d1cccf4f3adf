package dev.headroom.runtime.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.headroom.annotations.Precision;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.production.CapstoneServing;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Constraint;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.report.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks that a fleet quantized below BF16 needs an evaluation gate (issue #5). */
class EvalGateTest {

  private static FleetAnalysis ungated(FleetInput input) {
    return FleetSizing.analyse(input, Optional.empty(), Optional.empty(), List.of());
  }

  @Test
  void theCapstonesFp8FleetWithoutAGateFailsBoundByEvalGate() {
    FleetAnalysis analysis = ungated(CapstoneServing.fleet(1_024));
    assertEquals(Verdict.FAIL, analysis.verdict());
    assertEquals(Constraint.EVAL_GATE, analysis.binding());
    Finding gate = analysis.findings().get(analysis.findings().size() - 1);
    assertEquals("headroom.eval-gate", gate.id());
    assertEquals(Subject.of(Anchor.FLEET, "weights"), gate.subject());
    assertTrue(gate.message().contains("serves weights in FP8 and KV cache in FP8"),
        gate.message());
  }

  @Test
  void withTheGateTheSameFleetPassesBoundByKvCapacity() {
    FleetAnalysis analysis = CapstoneServing.sized(1_024);
    assertEquals(Verdict.PASS, analysis.verdict());
    assertEquals(Constraint.KV_CAPACITY, analysis.binding());
  }

  @Test
  void anFp8KvCacheAloneNeedsAGateOnKvCache() {
    FleetInput input = CapstoneServing.fleet(1_024).withPrecisions(Precision.BF16, Precision.FP8);
    Finding gate = EvalGate.missing(input, List.of()).orElseThrow();
    assertEquals(Subject.of(Anchor.FLEET, "kvCache"), gate.subject());
  }

  @Test
  void aCheckpointPublishedInFp8ServedInFp8IsNotRequantized() {
    // DeepSeek-V3 publishes FP8 weights: serving them in FP8 with a BF16 KV cache changes
    // nothing about the model, so no gate is required.
    FleetInput bf16 = CapstoneServing.fleet(1_024);
    ModelShape fp8Checkpoint = new ModelShape("fp8 checkpoint", 70e9, 80, 8192, 64, 8, 128,
        28672, 128256, false, Precision.FP8);
    FleetInput input = new FleetInput(bf16.name(), fp8Checkpoint, bf16.traffic(), bf16.slo(),
        bf16.gpu(), bf16.gpus(), bf16.split(), Precision.INHERIT, Precision.BF16,
        bf16.reservedGbPerGpu(), bf16.kvSizing(), bf16.prefillEfficiency());
    assertTrue(EvalGate.missing(input, List.of()).isEmpty());
  }

  @Test
  void aFleetServedInBf16OrFp16NeedsNoGate() {
    FleetInput input = CapstoneServing.fleet(1_024).withPrecisions(Precision.FP16,
        Precision.FP16);
    assertTrue(EvalGate.missing(input, List.of()).isEmpty());
  }

  @Test
  void aGateWithABlankSuiteIsAnInputError() {
    List<Finding> problems = new EvalGate(" ", "pass@1", 0.9, false).problems();
    assertEquals(1, problems.size());
    assertEquals(Subject.of(Anchor.EVAL_GATE, "suite"), problems.get(0).subject());
    assertEquals("AIME: pass@1 ≥ 0.7", new EvalGate("AIME", "pass@1", 0.7, false).rule());
  }
}
