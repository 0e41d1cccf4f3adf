package dev.headroom.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.catalog.GpuSpec;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.List;
import java.util.stream.Collectors;

/** The published training jobs the training tests share (CAPSTONE.md, REFERENCES.md). */
final class TrainingCases {

  /** H100 SXM; REFERENCES.md gives its dense BF16 peak as 989.4 TFLOP/s. */
  static final GpuSpec H100 = GpuCatalog.spec(Gpu.H100_SXM);

  /** The capstone's 70B: the Llama 3 70B shape (R-P1), sized as the declared 70e9 parameters. */
  static final ModelShape CAPSTONE_70B =
      new ModelShape("Llama-3-70B", 70e9, 80, 8192, 64, 8, 128, 28672, 128256, false,
          Precision.BF16);

  /** Llama 3 405B (REFERENCES.md R-P1 shape), parameters derived from the shape. */
  static final ModelShape LLAMA3_405B =
      new ModelShape("Llama-3-405B", 0, 126, 16384, 128, 8, 128, 53248, 128256, false,
          Precision.BF16);

  /** The capstone's GPUs: tensor 8 × pipeline 1 × data 512 × context 1 = 4,096. */
  static final int CAPSTONE_GPUS = 4_096;

  /** The capstone's global batch: 4M = 2^22 = 4,194,304 tokens. */
  static final long CAPSTONE_BATCH_TOKENS = 4_194_304L;

  /** Llama 3 405B's batch: 16M = 2^24 = 16,777,216 tokens (R-F2). */
  static final long LLAMA3_BATCH_TOKENS = 16_777_216L;

  private TrainingCases() {}

  /**
   * Returns the capstone's stage 2 policy training job: TP 8, data 512, ZeRO-3, selective
   * recompute, 4,194,304 tokens of 8,192-token sequences, micro-batch 1, a 2.0 s step at 40%
   * MFU, 5 GB reserved, on H100 SXM.
   */
  static TrainingInput capstone() {
    return new TrainingInput("PolicyTraining", CAPSTONE_70B, H100, CAPSTONE_GPUS,
        new ReplicaSplit(8, 1, 1, 512, 1), ZeroStage.THREE, CAPSTONE_BATCH_TOKENS, 8_192, 1,
        2.0, 0.40, Optimizer.ADAMW, Recompute.SELECTIVE, 5.0, 0);
  }

  /** Returns the capstone job with another ZeRO stage and recompute policy. */
  static TrainingInput capstone(ZeroStage zero, Recompute recompute) {
    TrainingInput input = capstone();
    return input.withLayout(input.split(), zero, recompute);
  }

  /** Returns the capstone job with another target step time and MFU assumption. */
  static TrainingInput capstone(double targetStepSeconds, double mfu) {
    TrainingInput c = capstone();
    return new TrainingInput(c.name(), c.model(), c.gpu(), c.gpus(), c.split(), c.zero(),
        c.globalBatchTokens(), c.sequenceLength(), c.microBatchSequences(), targetStepSeconds,
        mfu, c.optimizer(), c.recompute(), c.reservedGbPerGpu(), c.trainingTokens());
  }

  /**
   * Returns Llama 3 405B's pre-training layout (REFERENCES.md R-F2, Llama 3 paper Table 4):
   * {@code gpus} GPUs as TP 8 × PP 16 × DP 64 on H100, {@code batchTokens} tokens of
   * 8,192-token sequences per step at the published 43% MFU. The ZeRO stage, recompute policy
   * and 10 s step target are not published and no check of the layout depends on them.
   */
  static TrainingInput llama3_405b(int gpus, long batchTokens) {
    return new TrainingInput("Llama3Pretraining", LLAMA3_405B, H100, gpus,
        new ReplicaSplit(8, 16, 1, 64, 1), ZeroStage.ONE, batchTokens, 8_192, 1, 10.0, 0.43,
        Optimizer.ADAMW, Recompute.SELECTIVE, 5.0, 0);
  }

  /** Returns the findings with {@code id}. */
  static List<Finding> withId(List<Finding> findings, String id) {
    return findings.stream().filter(f -> f.id().equals(id)).collect(Collectors.toList());
  }

  /** Returns the one finding with {@code id}, failing when there is none or several. */
  static Finding only(List<Finding> findings, String id) {
    List<Finding> matching = withId(findings, id);
    assertEquals(1, matching.size(), "expected one " + id + " finding in " + findings);
    return matching.get(0);
  }

  /** Returns the one finding with {@code id} on {@code member} of {@code anchor}. */
  static Finding only(List<Finding> findings, String id, Anchor anchor, String member) {
    List<Finding> matching = withId(findings, id).stream()
        .filter(f -> f.subject().equals(Subject.of(anchor, member)))
        .collect(Collectors.toList());
    assertEquals(1, matching.size(),
        "expected one " + id + " finding on " + member + " in " + findings);
    return matching.get(0);
  }
}
