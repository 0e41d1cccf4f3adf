package dev.headroom.runtime.robustness;

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
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.serving.BaselineChanges;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.HandEstimate;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.training.DataPlaneInput;
import dev.headroom.runtime.training.TrainingInput;
import dev.headroom.runtime.validation.InputChecks;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The inputs the engine properties draw, each from a {@link Random}, so that a seed replays
 * one. A third of them are plausible throughout, so that the sizing arithmetic runs on many; in
 * the rest each value is mostly plausible, sometimes at the edge of its accepted range or just
 * past it, and now and then hostile (zero, negative, NaN, infinite, huge), so that every
 * validation and overflow path is exercised too. Every {@link Precision}, {@link Gpu}, {@link
 * ZeroStage}, {@link Recompute}, {@link Optimizer}, {@link RlAlgorithm} and {@link KvSizing}
 * turns up.
 */
final class EngineInputs {
  /** Ints no attribute accepts, or accepts only at the very edge. */
  static final int[] HOSTILE_INTS = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};

  /**
   * The hostile ints for a pool's GPUs: the edge of the 1,000,000 accepted and just past it as
   * well, since an actor pool's GPUs bound how many splits {@code RlSizing.balance} tries.
   */
  static final int[] HOSTILE_POOL_INTS =
      {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1_000_000, 1_000_001};

  /** Longs no attribute accepts. */
  static final long[] HOSTILE_LONGS =
      {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000_001L};

  /**
   * Global batches of up to 10^12 tokens (the most accepted), 999,999,999,989 a prime: with
   * one-token sequences and a missed step time, {@code TrainingSizing.smallestData} looks for a
   * data degree among the divisors of as many sequences.
   */
  static final long[] LARGE_BATCHES = {999_999_999_989L, 1_000_000_000_000L};

  /** Doubles no attribute accepts, and the extremes of the finite ones. */
  static final double[] HOSTILE_DOUBLES = {0.0, -0.0, -1.0, Double.NaN,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.MIN_VALUE, (double) Long.MAX_VALUE, (double) Integer.MAX_VALUE, 1e300};

  /** Every storage format: what a checkpoint, weights or a pool may really be held in. */
  private static final Precision[] FORMATS = Arrays.stream(Precision.values())
      .filter(precision -> precision != Precision.INHERIT)
      .toArray(Precision[]::new);

  /** Names of any characters, and those that break Markdown, HTML, JSON and Java. */
  private static final String[] HOSTILE_NAMES = {"a | b", "<script>alert(1)</script>",
      "*/ /*", "`code`", "\"quoted\" 'single'", "line\nbreak\r\n", "back\\slash \\u0022",
      "\u0000\u001f\u007f", "\ud800 lone surrogate", "\u2028\u2029", "# heading", "]]> -->", ""};

  private final Random random;

  /** Whether values may be edges and hostile ones, or only plausible: two cases in three. */
  private final boolean hostile;

  private EngineInputs(Random random) {
    this.random = random;
    this.hostile = random.nextInt(3) != 0;
  }

  /** A serving fleet with, sometimes, the baseline it revises and a hand estimate. */
  record FleetCase(
      FleetInput input, Optional<BaselineChanges> baseline, Optional<HandEstimate> estimate) {}

  /** Returns a serving fleet, its baseline present three times in ten, its estimate two. */
  static FleetCase fleet(Random random) {
    return new EngineInputs(random).fleet();
  }

  /**
   * Returns a training job whose degrees mostly multiply to its GPUs and whose batch is mostly
   * a whole number of micro-batches per rank; now and then a batch or GPU count that may not.
   */
  static TrainingInput training(Random random) {
    return new EngineInputs(random).training();
  }

  /** Returns a data plane: bytes per token, storage and checkpoint rates, failures, prefetch. */
  static DataPlaneInput dataPlane(Random random) {
    return new EngineInputs(random).dataPlane();
  }

  /**
   * Returns an RL loop: a policy, a reference, reward model and critic that are mostly the
   * policy or absent, and two pools whose GPUs mostly fit their splits.
   */
  static RlInput loop(Random random) {
    return new EngineInputs(random).loop();
  }

  /** Returns a name of any characters half the time, else one that breaks some format. */
  static String name(Random random) {
    if (random.nextBoolean()) {
      return HOSTILE_NAMES[random.nextInt(HOSTILE_NAMES.length)];
    }
    char[] name = new char[random.nextInt(41)];
    for (int i = 0; i < name.length; i++) {
      int kind = random.nextInt(10);
      name[i] = (char) (kind < 5 ? 0x20 + random.nextInt(0x5f)
          : kind < 7 ? (random.nextBoolean() ? random.nextInt(0x20) : 0x7f)
          : random.nextInt(0x10000));
    }
    return new String(name);
  }

  /** Returns one of {@code values}, each as likely. */
  @SafeVarargs
  static <T> T oneOf(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** Returns a double in [min, max], uniform on a log scale, so every magnitude turns up. */
  static double logUniform(Random random, double min, double max) {
    return Math.min(max, min * Math.pow(max / min, random.nextInt(1_000_001) / 1e6));
  }

  private FleetCase fleet() {
    ModelShape model = model();
    // One fleet in five is an offline job, which carries no SLO; one in three an agent task.
    boolean offline = random.nextInt(5) == 0;
    Traffic traffic = new Traffic(
        doubles(() -> logUniform(0.01, 10_000), 1e-9, 1e9, 1.000001e9),
        ints(() -> between(1, 32_768), 1, InputChecks.MAX_TOKENS),
        ints(() -> between(1, 32_768), 1, InputChecks.MAX_TOKENS),
        ints(() -> random.nextInt(3) == 0 ? between(2, 50) : 1, 0, 100_000, 100_001),
        offline);
    LatencySlo slo = offline ? LatencySlo.NONE : new LatencySlo(
        doubles(() -> logUniform(10, 60_000), 1e-9, 3_600_000.0, 3_600_001.0),
        doubles(() -> logUniform(1, 1_000), 1e-9, 3_600_000.0),
        doubles(() -> random.nextBoolean() ? 0 : logUniform(1, 3_600), -1, 86_400, 86_401));
    GpuSpec gpu = gpu();
    int budget = ints(() -> between(1, 100_000), 1, Integer.MAX_VALUE);
    ReplicaSplit split = servingSplit();
    Precision weights = oneOf(random, Precision.values());
    Precision kvCache = oneOf(random, Precision.values());
    double reserved = reservedGb();
    KvSizing kvSizing = oneOf(random, KvSizing.values());
    double efficiency = doubles(() -> between(0.01, 1.0), 0.01, 1.0, 0.0099, 1.0001);
    FleetInput input = new FleetInput("Serving", model, traffic, slo, gpu, budget, split,
        weights, kvCache, reserved, kvSizing, efficiency);
    Optional<BaselineChanges> baseline = optional(30, this::baseline);
    Optional<HandEstimate> estimate = optional(20, this::estimate);
    return new FleetCase(input, baseline, estimate);
  }

  /** Returns a replica split: tensor and pipeline small powers of two, the rest mostly 1. */
  private ReplicaSplit servingSplit() {
    return new ReplicaSplit(
        ints(() -> oneOf(random, 1, 2, 4, 8), InputChecks.MAX_HEADS, InputChecks.MAX_HEADS + 1),
        ints(() -> oneOf(random, 1, 1, 2, 4), InputChecks.MAX_LAYERS),
        ints(() -> 1, 2),
        ints(() -> 1, 2, InputChecks.MAX_HEADS),
        ints(() -> 1, 2));
  }

  /** Returns a baseline: each value unchanged (0 or INHERIT) or changed, sometimes hostile. */
  private BaselineChanges baseline() {
    String name = oneOf(random, "the naive design", "baseline");
    Precision weights = oneOf(random, Precision.values());
    Precision kvCache = oneOf(random, Precision.values());
    int tensor = unchangedOr();
    int promptTokens = unchangedOr();
    int outputTokens = unchangedOr();
    double rate = random.nextBoolean() ? 0.0 : doubles(() -> logUniform(0.01, 10_000), 1e9);
    Optional<HandEstimate> estimate = optional(30, this::estimate);
    return new BaselineChanges(
        name, weights, kvCache, tensor, promptTokens, outputTokens, rate, estimate);
  }

  private int unchangedOr() {
    return random.nextBoolean() ? 0 : ints(() -> between(1, 8_192), InputChecks.MAX_TOKENS);
  }

  /** Returns a hand estimate, 0 meaning not estimated, now and then a hostile count. */
  private HandEstimate estimate() {
    LongSupplier plausible = () -> random.nextInt(10_001);
    return new HandEstimate("CAPSTONE.md, stage 1",
        longs(plausible), longs(plausible), longs(plausible));
  }

  private TrainingInput training() {
    ModelShape model = model();
    GpuSpec gpu = gpu();
    ReplicaSplit split = new ReplicaSplit(
        ints(() -> oneOf(random, 1, 2, 4, 8), InputChecks.MAX_HEADS, InputChecks.MAX_HEADS + 1),
        ints(() -> oneOf(random, 1, 1, 2, 4), InputChecks.MAX_LAYERS),
        ints(() -> 1, 2),
        ints(() -> oneOf(random, 1, 2, 4, 8, 16, 64), InputChecks.MAX_HEADS),
        ints(() -> oneOf(random, 1, 1, 2), InputChecks.MAX_HEADS));
    int sequence = ints(() -> oneOf(random, 1, 1_024, 4_096, 8_192, 131_072),
        InputChecks.MAX_TOKENS, InputChecks.MAX_TOKENS + 1);
    int microBatch = ints(() -> oneOf(random, 1, 1, 2, 4), InputChecks.MAX_TOKENS);
    int microBatches = between(1, 64);
    // Else the batch is as the layout implies, and the GPUs its degrees.
    Optional<Long> batchOverride = hostile && random.nextInt(100) < 15
        ? Optional.of(random.nextInt(4) == 0 ? longOf(LARGE_BATCHES)
            : random.nextBoolean() ? (long) between(1, 1_000_000)
            : longOf(HOSTILE_LONGS))
        : Optional.empty();
    Optional<Integer> gpuOverride = hostile && random.nextInt(100) < 10
        ? Optional.of(intOf(HOSTILE_INTS))
        : Optional.empty();
    double targetStepSeconds =
        doubles(() -> logUniform(0.01, 100), 0.001, 86_400.0, 0.000999, 86_401.0);
    double mfu = doubles(() -> between(0.2, 0.7), 0.01, 1.0, 0.0099, 1.0001);
    Optimizer optimizer = oneOf(random, Optimizer.values());
    Recompute recompute = oneOf(random, Recompute.values());
    double reserved = reservedGb();
    double trainingTokens = random.nextBoolean()
        ? 0.0
        : doubles(() -> logUniform(1e6, 1e13), 1e16, 1.0000001e16);
    ZeroStage zero = oneOf(random, ZeroStage.values());

    int gpus = gpuOverride.orElseGet(() ->
        clamp((double) split.tensor() * split.pipeline() * split.data() * split.context()));
    long batch = batchOverride.orElseGet(() -> saturated(
        (double) split.data() * sequence * microBatch * microBatches));
    return new TrainingInput("Pretraining", model, gpu, gpus, split, zero, batch, sequence,
        microBatch, targetStepSeconds, mfu, optimizer, recompute, reserved, trainingTokens);
  }

  private DataPlaneInput dataPlane() {
    double bytesPerToken = doubles(() -> between(1, 8), 1e6, 1.000001e6);
    double read = doubles(() -> logUniform(0.1, 1_000), 1e-6, 1e6, 9.99e-7, 1.000001e6);
    int prefetch = ints(() -> between(1, 8), 1, 1_000, 1_001);
    boolean resume = random.nextBoolean();
    double mtbf = doubles(() -> logUniform(1, 100_000), 1.0, 1e7, 0.999, 1.000001e7);
    double write = doubles(() -> logUniform(0.1, 1_000), 1e-6, 1e6, 9.99e-7, 1.000001e6);
    return new DataPlaneInput("Data", bytesPerToken, read, prefetch, resume, mtbf, write);
  }

  private RlInput loop() {
    ModelShape policy = model();
    ModelShape reference = optional(30, this::model).orElse(policy);
    Optional<ModelShape> reward = optional(30, this::model);
    ModelShape critic = optional(30, this::model).orElse(policy);
    RlAlgorithm algorithm = oneOf(random, RlAlgorithm.values());
    int prompts = ints(() -> between(1, 512), 1, 10_000_000, 10_000_001);
    int samples = ints(() -> between(1, 32), 1, 2, 10_000_000);
    int promptTokens = ints(() -> between(1, 8_192), 1, InputChecks.MAX_TOKENS);
    int rolloutTokens = ints(() -> between(1, 16_384), 1, InputChecks.MAX_TOKENS);
    int beyondMean = rarely(10, () -> between(0, 32_768), () -> intOf(HOSTILE_INTS));
    int staleness = ints(() -> oneOf(random, 0, 1, 2), 10_000_000, 10_000_001);
    PoolInput actors = pool(true);
    PoolInput learners = pool(false);
    double mfu = doubles(() -> between(0.2, 0.7), 0.01, 1.0, 0.0099);
    Recompute recompute = oneOf(random, Recompute.values());
    double broadcast = doubles(() -> logUniform(1, 400), 1e6, 1.000001e6);
    double efficiency = doubles(() -> between(0.1, 1.0), 0.01, 1.0, 1.0001);
    return new RlInput("PolicyRl", policy, reference, reward, critic, algorithm, prompts,
        samples, promptTokens, rolloutTokens, clamp((double) rolloutTokens + beyondMean),
        staleness, actors, learners, mfu, recompute, broadcast, efficiency);
  }

  /** Returns a pool of up to a few hundred GPUs whose count mostly fits its split. */
  private PoolInput pool(boolean actors) {
    GpuSpec gpu = gpu();
    ReplicaSplit split = new ReplicaSplit(
        ints(() -> oneOf(random, 1, 2, 4, 8), InputChecks.MAX_HEADS),
        ints(() -> oneOf(random, 1, 1, 2), InputChecks.MAX_LAYERS),
        ints(() -> 1, 2),
        ints(() -> oneOf(random, 1, 2, 4, 8), InputChecks.MAX_HEADS),
        ints(() -> oneOf(random, 1, 1, 2), InputChecks.MAX_HEADS));
    int replicas = between(1, 32);
    int override = rarely(8, () -> -2, () -> intOf(HOSTILE_POOL_INTS));
    Precision precision = oneOf(random, Precision.values());
    ZeroStage zero = oneOf(random, ZeroStage.values());
    double reserved = reservedGb();
    double fitting = actors
        ? (double) split.tensor() * split.pipeline() * replicas
        : (double) split.tensor() * split.pipeline() * split.data() * split.context();
    int gpus = override != -2 ? override : clamp(Math.min(fitting, 1_000_000));
    return new PoolInput(gpu, gpus, precision, split, zero, reserved);
  }

  /**
   * Returns a model shape: kv heads × a group of query heads, a head size, and now and then
   * heads that do not divide, a hidden size that is not a multiple of the heads, a declared
   * parameter count far from the shape's, or a hostile value in any dimension.
   */
  private ModelShape model() {
    int kvHeads = ints(() -> oneOf(random, 1, 2, 4, 8, 16),
        InputChecks.MAX_HEADS, InputChecks.MAX_HEADS + 1);
    int group = oneOf(random, 1, 2, 3, 4, 8);
    int headDim = ints(() -> oneOf(random, 64, 80, 128, 256),
        1, InputChecks.MAX_WIDTH, InputChecks.MAX_WIDTH + 1);
    int layers = ints(() -> between(1, 128), 1, InputChecks.MAX_LAYERS, InputChecks.MAX_LAYERS + 1);
    int ffn = ints(() -> between(1, 65_536), InputChecks.MAX_WIDTH, InputChecks.MAX_WIDTH + 1);
    int vocabulary = ints(() -> between(1, 262_144),
        InputChecks.MAX_VOCABULARY, InputChecks.MAX_VOCABULARY + 1);
    double parameters = rarely(15,
        () -> random.nextInt(100) < 70 ? 0.0 : logUniform(1, 1e13),
        () -> oneOf(random, 1.0, 0.5, InputChecks.MAX_PARAMETERS, 1.0000001e15, Double.NaN,
            -1.0, Double.POSITIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE));
    Precision dtype = rarely(5, () -> oneOf(random, FORMATS), () -> Precision.INHERIT);
    boolean tied = random.nextBoolean();
    // 0: as built; 1: one query head more, so kv heads may not divide; 2: hidden size + 1.
    int skew = rarely(6, () -> 0, () -> oneOf(random, 1, 2));
    boolean explicitHeadDim = random.nextBoolean();

    int heads = kvHeads > 0 ? clamp((double) kvHeads * group) : kvHeads;
    int hidden = heads > 0 && headDim > 0 ? clamp((double) heads * headDim) : headDim;
    if (skew == 1) {
      heads = clamp((double) heads + 1);
    } else if (skew == 2) {
      hidden = clamp((double) hidden + 1);
    }
    return new ModelShape("M", parameters, layers, hidden, heads, kvHeads,
        explicitHeadDim ? headDim : 0, ffn, vocabulary, tied, dtype);
  }

  /** Returns the catalogue entry of any GPU. */
  private GpuSpec gpu() {
    return GpuCatalog.spec(oneOf(random, Gpu.values()));
  }

  /** Returns memory kept out per GPU, in GB: a few GB mostly, up to more than any GPU has. */
  private double reservedGb() {
    return doubles(() -> between(0.0, 20.0), 0.0, 80.0, 300.0);
  }

  /** Returns {@code plausible} mostly, one of {@code edges} sometimes, a hostile int rarely. */
  private int ints(IntSupplier plausible, int... edges) {
    int roll = hostile ? random.nextInt(100) : 0;
    if (roll < 90 || roll < 96 && edges.length == 0) {
      return plausible.getAsInt();
    }
    return roll < 96 ? edges[random.nextInt(edges.length)] : intOf(HOSTILE_INTS);
  }

  /** Returns {@code plausible} mostly, a hostile long rarely. */
  private long longs(LongSupplier plausible) {
    int roll = hostile ? random.nextInt(100) : 0;
    return roll < 96 ? plausible.getAsLong() : longOf(HOSTILE_LONGS);
  }

  /** Returns {@code plausible} mostly, one of {@code edges} sometimes, a hostile one rarely. */
  private double doubles(DoubleSupplier plausible, double... edges) {
    int roll = hostile ? random.nextInt(100) : 0;
    if (roll < 90 || roll < 96 && edges.length == 0) {
      return plausible.getAsDouble();
    }
    return roll < 96
        ? edges[random.nextInt(edges.length)]
        : HOSTILE_DOUBLES[random.nextInt(HOSTILE_DOUBLES.length)];
  }

  /** Returns {@code plausible}, or, in a hostile case, {@code bad} {@code percent}% of times. */
  private <T> T rarely(int percent, Supplier<T> plausible, Supplier<T> bad) {
    return hostile && random.nextInt(100) < percent ? bad.get() : plausible.get();
  }

  /** Returns a value of {@code present} {@code percent}% of times, else nothing. */
  private <T> Optional<T> optional(int percent, Supplier<T> present) {
    return random.nextInt(100) < percent ? Optional.of(present.get()) : Optional.empty();
  }

  private int intOf(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private long longOf(long[] values) {
    return values[random.nextInt(values.length)];
  }

  private int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  private double between(double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  private double logUniform(double min, double max) {
    return logUniform(random, min, max);
  }

  private static int clamp(double value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static long saturated(double value) {
    return (long) Math.max(Long.MIN_VALUE, Math.min(Long.MAX_VALUE, value));
  }
}
