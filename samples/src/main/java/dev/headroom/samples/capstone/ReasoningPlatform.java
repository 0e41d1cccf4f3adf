package dev.headroom.samples.capstone;

import dev.headroom.annotations.Baseline;
import dev.headroom.annotations.DataPlane;
import dev.headroom.annotations.Estimate;
import dev.headroom.annotations.EvalGate;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Parallelism;
import dev.headroom.annotations.Platform;
import dev.headroom.annotations.Pool;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.PrefillPool;
import dev.headroom.annotations.Production;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlLoop;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Training;
import dev.headroom.annotations.Workload;
import dev.headroom.annotations.ZeroStage;

/**
 * The capstone reasoning platform, all four stages on one cluster: its serving fleet, revised
 * to fit its 1,024 H100s and run in production; the continued training of its 70B policy; and
 * the RL loop that post-trains it.
 *
 * <p>The naive design (fp16, 4,000-token reasoning outputs) needs 3.54 times the serving
 * budget (the capstone's rounded arithmetic says about four), and KV capacity binds. So the
 * revision changes what KV capacity depends on: it serves weights and KV cache in FP8, gated on
 * the reasoning regression suite, and adaptive thinking cuts the average output to 2,500
 * tokens.
 *
 * <p>The cluster: 6,144 H100s, enough for serving at peak with spares and deploy headroom,
 * the 4,096-GPU training job and the 768-GPU RL loop at once. The price, $2 per GPU-hour, is the
 * H800 rental price DeepSeek's published serving day assumes (its open-infra-index inference
 * overview); use your own.
 */
@Platform(gpu = Gpu.H100_SXM, gpus = 6144, dollarsPerGpuHour = 2.0)
@Workload(requestsPerSecond = 500, promptTokens = 1000, outputTokens = 2500)
@Slo(ttftMillis = 1000, tpotMillis = 50)
public final class ReasoningPlatform {
  private ReasoningPlatform() {}

  /**
   * Replicas of the 70B model, four H100s each, tensor-parallel inside a node, fed by a prefill
   * pool (CAPSTONE.md, stage 1: a few prefill nodes feed many decode nodes), in production
   * (stage 4): sized for the peak of a day whose peak is 1.5 times its mean (this sample's
   * assumption), with 2 spare replicas and a rolling deploy a quarter of the fleet at a time,
   * autoscaled down to a quarter of peak at night. A deploy is gated on the reasoning
   * regression suite (a new policy or a new format must keep 99% of production's pass@1) and
   * an LLM judge, and rolled back on TTFT p99 (twice the SLO: the SLO is what the fleet is sized
   * to, the guardrail the point where a deploy is plainly worse), refusals or cost.
   *
   * <p>The pool: 500,000 prompt tokens/s at 5,654 tokens/s per H100 need 92 GPUs; 128 (16 nodes)
   * leave 28% for longer prompts, and that is the fleet's tightest margin.
   */
  @Fleet(
      model = Llama70B.class,
      gpu = Gpu.H100_SXM,
      gpus = 1024,
      weights = Precision.FP8,
      kvCache = Precision.FP8,
      parallelism = @Parallelism(tensor = 4),
      prefill = @PrefillPool(gpus = 128, parallelism = @Parallelism(tensor = 4)))
  @Baseline(
      name = "the naive capstone design",
      weights = Precision.FP16,
      kvCache = Precision.FP16,
      outputTokens = 4000,
      prefillPool = false,
      estimate =
          @Estimate(
              source = "the capstone design's stage 1",
              requestsPerReplica = 100,
              replicas = 1005,
              gpusNeeded = 4000))
  @Production(
      peakToMean = 1.5,
      spareReplicas = 2,
      deployHeadroom = 0.25,
      autoscalingFloor = 0.25,
      ttftP99Millis = 2000,
      maxRefusalRate = 0.02,
      maxDollarsPerRequest = 0.01)
  @EvalGate(
      suite = "reasoning regression suite, offline and decontaminated",
      metric = "pass@1 relative to the model in production",
      threshold = 0.99)
  @EvalGate(
      suite = "open-ended quality, LLM judge with position and length bias controls",
      metric = "win rate against the model in production",
      threshold = 0.5)
  public static final class Serving {
    private Serving() {}
  }

  /**
   * Continued training of the 70B policy (CAPSTONE.md, stage 2): tensor parallelism 8 inside a
   * node, ZeRO-3 across the data-parallel ranks, selective activation recompute, 4M-token
   * (2^22) batches of 8,192-token sequences, and a 2 s step at 40% MFU.
   *
   * <p>The batch holds 512 sequences, so the data-parallel degree divides 512: data 256 (2,048
   * GPUs) would step in 2.3 s at 40% MFU and miss the target, so data is 512.
   *
   * <p>Data plane: 32-bit token ids streamed from object storage, double-buffered, resumable on
   * the exact batch order. The node MTBF is Llama 3's (419 unexpected interruptions in 54 days
   * on 2,048 nodes of 8 H100s: 2,048 × 54 × 24 / 419 ≈ 6,335 hours); storage and checkpoint
   * bandwidths and the 1T-token run are this sample's assumptions.
   */
  @Training(
      model = Llama70B.class,
      gpu = Gpu.H100_SXM,
      gpus = 4096,
      parallelism = @Parallelism(tensor = 8, data = 512, zero = ZeroStage.THREE),
      globalBatchTokens = 4_194_304,
      sequenceLength = 8192,
      targetStepSeconds = 2.0,
      recompute = Recompute.SELECTIVE,
      trainingTokens = 1e12)
  @DataPlane(
      storageReadGbPerSecond = 10,
      deterministicResume = true,
      nodeMtbfHours = 6335,
      checkpointWriteGbPerSecond = 100)
  public static final class PolicyTraining {
    private PolicyTraining() {}
  }

  /**
   * RL post-training of the policy (CAPSTONE.md, stage 3): GRPO on verifiable rewards, so no
   * reward model and no critic; ~4,000-token rollouts capped at 8,192; actors may run one policy
   * version behind the learners, which hides the weight broadcast.
   *
   * <p>The pools: a first split of 512 actor and 256 learner GPUs left the actors idle behind a
   * 113 s update (rollout 87 s); this design declares 448 actor and 320 learner GPUs (data =
   * 40), a 91 s update. Headroom's balanced split of the same 768 GPUs, which equalizes rollout
   * and training throughput, is 328 actor and 440 learner GPUs: its rollout phase stays at the
   * 87 s of the longest rollout decoded alone, but its 66 s update hides the broadcast, so it
   * would step in 87 s against this design's 93 s.
   */
  @RlLoop(
      policy = Llama70B.class,
      promptsPerStep = 256,
      samplesPerPrompt = 16,
      promptTokens = 1000,
      rolloutTokens = 4000,
      maxRolloutTokens = 8192,
      maxStaleness = 1,
      actors = @Pool(gpu = Gpu.H100_SXM, gpus = 448, parallelism = @Parallelism(tensor = 4)),
      learners =
          @Pool(
              gpu = Gpu.H100_SXM,
              gpus = 320,
              parallelism = @Parallelism(tensor = 8, data = 40, zero = ZeroStage.THREE)),
      broadcastGbPerSecond = 50)
  public static final class PolicyRl {
    private PolicyRl() {}
  }
}
