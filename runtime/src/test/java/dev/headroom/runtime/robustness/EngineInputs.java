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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The inputs the engine properties draw from. A third of them are plausible throughout, so that
 * the sizing arithmetic runs on many; in the rest each value is mostly plausible, sometimes at
 * the edge of its accepted range or just past it, and now and then hostile (zero, negative,
 * NaN, infinite, huge), so that every validation and overflow path is exercised too.
 */
abstract class EngineInputs {
  /** Ints no attribute accepts, or accepts only at the very edge. */
  static final List<Integer> HOSTILE_INTS =
      List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);

  /**
   * The hostile ints for an actor pool's GPUs: without {@code Integer.MAX_VALUE}, which a
   * one-GPU replica accepts and which makes {@code RlSizing.balance} scan 2^31 splits for
   * minutes (see {@link EngineBugsTest#rlBalanceScanIsLinearInTheGpuCount}).
   */
  static final List<Integer> HOSTILE_POOL_INTS = List.of(0, -1, Integer.MIN_VALUE);

  /** Longs no attribute accepts. */
  static final List<Long> HOSTILE_LONGS =
      List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000_000_001L);

  /** Doubles no attribute accepts, and the extremes of the finite ones. */
  static final List<Double> HOSTILE_DOUBLES = List.of(0.0, -0.0, -1.0, Double.NaN,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.MIN_VALUE, (double) Long.MAX_VALUE, (double) Integer.MAX_VALUE, 1e300);

  /** Every storage format: what a checkpoint, weights or a pool may really be held in. */
  private static final List<Precision> FORMATS = Arrays.stream(Precision.values())
      .filter(precision -> precision != Precision.INHERIT)
      .toList();

  /** Whether values may be edges and hostile ones, or only plausible. */
  private boolean hostile;

  /** Returns {@code space} built once from plausible values only and once with hostile ones. */
  private <T> Arbitrary<T> eitherWay(Supplier<Arbitrary<T>> space) {
    hostile = false;
    Arbitrary<T> plausible = space.get();
    hostile = true;
    Arbitrary<T> mixed = space.get();
    return Arbitraries.frequencyOf(Tuple.of(1, plausible), Tuple.of(2, mixed));
  }

  /** Returns {@code plausible} mostly, one of {@code edges} sometimes, a hostile int rarely. */
  Arbitrary<Integer> ints(Arbitrary<Integer> plausible, Integer... edges) {
    return mix(plausible, edges.length == 0 ? plausible : Arbitraries.of(edges),
        Arbitraries.of(HOSTILE_INTS));
  }

  /** Returns {@code plausible} mostly, one of {@code edges} sometimes, a hostile long rarely. */
  Arbitrary<Long> longs(Arbitrary<Long> plausible, Long... edges) {
    return mix(plausible, edges.length == 0 ? plausible : Arbitraries.of(edges),
        Arbitraries.of(HOSTILE_LONGS));
  }

  /** Returns {@code plausible} mostly, one of {@code edges} sometimes, a hostile double rarely. */
  Arbitrary<Double> doubles(Arbitrary<Double> plausible, Double... edges) {
    return mix(plausible, edges.length == 0 ? plausible : Arbitraries.of(edges),
        Arbitraries.of(HOSTILE_DOUBLES));
  }

  private <T> Arbitrary<T> mix(Arbitrary<T> plausible, Arbitrary<T> edges, Arbitrary<T> bad) {
    return hostile
        ? Arbitraries.frequencyOf(Tuple.of(90, plausible), Tuple.of(6, edges), Tuple.of(4, bad))
        : plausible;
  }

  /** Returns {@code plausible}, or, among hostile values, {@code plausible} or {@code bad}. */
  private <T> Arbitrary<T> rarely(int percent, Arbitrary<T> plausible, Arbitrary<T> bad) {
    return hostile
        ? Arbitraries.frequencyOf(Tuple.of(100 - percent, plausible), Tuple.of(percent, bad))
        : plausible;
  }

  /** Returns a double in [min, max], uniform on a log scale, so every magnitude turns up. */
  static Arbitrary<Double> logUniform(double min, double max) {
    return Arbitraries.integers().between(0, 1_000_000)
        .map(step -> Math.min(max, min * Math.pow(max / min, step / 1e6)));
  }

  /** Returns the catalogue entry of any GPU. */
  static Arbitrary<GpuSpec> gpus() {
    return Arbitraries.of(Gpu.class).map(GpuCatalog::spec);
  }

  /** Returns a storage format mostly, {@code INHERIT} (not a checkpoint's format) rarely. */
  Arbitrary<Precision> dtypes() {
    return rarely(5, Arbitraries.of(FORMATS), Arbitraries.just(Precision.INHERIT));
  }

  /**
   * Returns a model shape: kv heads × a group of query heads, a head size, and now and then
   * heads that do not divide, a hidden size that is not a multiple of the heads, a declared
   * parameter count far from the shape's, or a hostile value in any dimension.
   */
  private Arbitrary<ModelShape> modelSpace() {
    Arbitrary<Integer> kvHeads =
        ints(Arbitraries.of(1, 2, 4, 8, 16), InputChecks.MAX_HEADS, InputChecks.MAX_HEADS + 1);
    Arbitrary<Integer> groups = Arbitraries.of(1, 2, 3, 4, 8);
    Arbitrary<Integer> headDims = ints(Arbitraries.of(64, 80, 128, 256),
        1, InputChecks.MAX_WIDTH, InputChecks.MAX_WIDTH + 1);
    Arbitrary<Integer> layers = ints(Arbitraries.integers().between(1, 128),
        1, InputChecks.MAX_LAYERS, InputChecks.MAX_LAYERS + 1);
    Arbitrary<Integer> widths = ints(Arbitraries.integers().between(1, 65_536),
        InputChecks.MAX_WIDTH, InputChecks.MAX_WIDTH + 1);
    Arbitrary<Integer> vocabularies = ints(Arbitraries.integers().between(1, 262_144),
        InputChecks.MAX_VOCABULARY, InputChecks.MAX_VOCABULARY + 1);
    Arbitrary<Double> parameters = rarely(15,
        Arbitraries.frequencyOf(
            Tuple.of(70, Arbitraries.just(0.0)), Tuple.of(30, logUniform(1, 1e13))),
        Arbitraries.of(1.0, 0.5, InputChecks.MAX_PARAMETERS, 1.0000001e15, Double.NaN, -1.0,
            Double.POSITIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE));
    // 0: as built; 1: one query head more, so kv heads may not divide; 2: hidden size + 1.
    Arbitrary<Integer> skews = rarely(6, Arbitraries.just(0), Arbitraries.of(1, 2));
    Arbitrary<ModelTail> tails = Combinators.combine(
        parameters, dtypes(), Arbitraries.of(true, false), skews, Arbitraries.of(true, false))
        .as(ModelTail::new);
    return Combinators.combine(kvHeads, groups, headDims, layers, widths, vocabularies, tails)
        .as((kv, group, headDim, depth, ffn, vocabulary, tail) -> {
          int heads = kv > 0 ? clamp((long) kv * group) : kv;
          int hidden = heads > 0 && headDim > 0 ? clamp((long) heads * headDim) : headDim;
          if (tail.skew() == 1) {
            heads = clamp((long) heads + 1);
          } else if (tail.skew() == 2) {
            hidden = clamp((long) hidden + 1);
          }
          return new ModelShape("M", tail.parameters(), depth, hidden, heads, kv,
              tail.explicitHeadDim() ? headDim : 0, ffn, vocabulary, tail.tied(),
              tail.dtype());
        });
  }

  /** The part of a model shape beyond the dimensions. */
  private record ModelTail(
      double parameters, Precision dtype, boolean tied, int skew, boolean explicitHeadDim) {}

  private static int clamp(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  /** A serving fleet with, sometimes, the baseline it revises and a hand estimate. */
  record FleetCase(
      FleetInput input, Optional<BaselineChanges> baseline, Optional<HandEstimate> estimate) {}

  @Provide
  Arbitrary<FleetCase> fleets() {
    return eitherWay(this::fleetSpace);
  }

  private Arbitrary<FleetCase> fleetSpace() {
    Arbitrary<Traffic> traffic = Combinators.combine(
        doubles(logUniform(0.01, 10_000), 1e-9, 1e9, 1.000001e9),
        ints(Arbitraries.integers().between(1, 32_768), 1, InputChecks.MAX_TOKENS),
        ints(Arbitraries.integers().between(1, 32_768), 1, InputChecks.MAX_TOKENS))
        .as(Traffic::new);
    Arbitrary<LatencySlo> slos = Combinators.combine(
        doubles(logUniform(10, 60_000), 1e-9, 3_600_000.0, 3_600_001.0),
        doubles(logUniform(1, 1_000), 1e-9, 3_600_000.0))
        .as(LatencySlo::new);
    Arbitrary<Integer> budgets =
        ints(Arbitraries.integers().between(1, 100_000), 1, Integer.MAX_VALUE);
    Arbitrary<FleetInput> inputs = Combinators.combine(
        modelSpace(), traffic, slos, gpus(), budgets, servingSplits(),
        Combinators.combine(Arbitraries.of(Precision.class), Arbitraries.of(Precision.class))
            .as(List::of),
        Combinators.combine(reservedGb(), Arbitraries.of(KvSizing.class),
            doubles(Arbitraries.doubles().between(0.01, 1), 0.01, 1.0, 0.0099, 1.0001))
            .as(FleetTail::new))
        .as((model, load, slo, gpu, gpuBudget, split, precisions, tail) -> new FleetInput(
            "Serving", model, load, slo, gpu, gpuBudget, split, precisions.get(0),
            precisions.get(1), tail.reservedGb(), tail.kvSizing(), tail.efficiency()));
    return Combinators.combine(inputs, baselines().optional(0.3), estimates().optional(0.2))
        .as(FleetCase::new);
  }

  /** The part of a fleet beyond its model, load and split. */
  private record FleetTail(double reservedGb, KvSizing kvSizing, double efficiency) {}

  /** Returns a replica split: tensor and pipeline small powers of two, the rest mostly 1. */
  Arbitrary<ReplicaSplit> servingSplits() {
    return Combinators.combine(
        ints(Arbitraries.of(1, 2, 4, 8), InputChecks.MAX_HEADS, InputChecks.MAX_HEADS + 1),
        ints(Arbitraries.of(1, 1, 2, 4), InputChecks.MAX_LAYERS),
        ints(Arbitraries.of(1), 2),
        ints(Arbitraries.of(1), 2, InputChecks.MAX_HEADS),
        ints(Arbitraries.of(1), 2))
        .as(ReplicaSplit::new);
  }

  /** Returns memory kept out per GPU, in GB: a few GB mostly, up to more than any GPU has. */
  Arbitrary<Double> reservedGb() {
    return doubles(Arbitraries.doubles().between(0, 20), 0.0, 80.0, 300.0);
  }

  /** Returns a baseline: each value unchanged (0 or INHERIT) or changed, sometimes hostile. */
  Arbitrary<BaselineChanges> baselines() {
    Arbitrary<Integer> unchangedOr = Arbitraries.frequencyOf(
        Tuple.of(50, Arbitraries.just(0)),
        Tuple.of(50, ints(Arbitraries.integers().between(1, 8_192), InputChecks.MAX_TOKENS)));
    return Combinators.combine(
        Arbitraries.of("the naive design", "baseline"),
        Arbitraries.of(Precision.class), Arbitraries.of(Precision.class),
        unchangedOr, unchangedOr, unchangedOr,
        Arbitraries.frequencyOf(Tuple.of(50, Arbitraries.just(0.0)),
            Tuple.of(50, doubles(logUniform(0.01, 10_000), 1e9))),
        estimates().optional(0.3))
        .as(BaselineChanges::new);
  }

  /** Returns a hand estimate, 0 meaning not estimated, now and then a hostile count. */
  Arbitrary<HandEstimate> estimates() {
    Arbitrary<Long> counts = longs(Arbitraries.longs().between(0, 10_000));
    return Combinators.combine(Arbitraries.of("CAPSTONE.md, stage 1"), counts, counts, counts)
        .as(HandEstimate::new);
  }

  /**
   * Returns a training job whose degrees mostly multiply to its GPUs and whose batch is mostly a
   * whole number of micro-batches per rank. The batch holds at most a million sequences: beyond
   * that a missed step time makes {@code TrainingSizing.smallestData} scan for minutes (see
   * {@link EngineBugsTest#smallestDataScansUpToTheSequencesOfAStep}).
   */
  @Provide
  Arbitrary<TrainingInput> trainings() {
    return eitherWay(this::trainingSpace);
  }

  private Arbitrary<TrainingInput> trainingSpace() {
    Arbitrary<ReplicaSplit> splits = Combinators.combine(
        ints(Arbitraries.of(1, 2, 4, 8), InputChecks.MAX_HEADS, InputChecks.MAX_HEADS + 1),
        ints(Arbitraries.of(1, 1, 2, 4), InputChecks.MAX_LAYERS),
        ints(Arbitraries.of(1), 2),
        ints(Arbitraries.of(1, 2, 4, 8, 16, 64), InputChecks.MAX_HEADS),
        ints(Arbitraries.of(1, 1, 2), InputChecks.MAX_HEADS))
        .as(ReplicaSplit::new);
    Arbitrary<Integer> sequences = ints(Arbitraries.of(1, 1_024, 4_096, 8_192, 131_072),
        InputChecks.MAX_TOKENS, InputChecks.MAX_TOKENS + 1);
    Arbitrary<Integer> micro = ints(Arbitraries.of(1, 1, 2, 4), InputChecks.MAX_TOKENS);
    Arbitrary<Integer> microBatches = Arbitraries.integers().between(1, 64);
    // -2: as the layout implies; else a batch or GPU count that may not fit it.
    Arbitrary<Long> batchOverrides = rarely(15, Arbitraries.just(-2L), Arbitraries.oneOf(
        Arbitraries.longs().between(1, 1_000_000), Arbitraries.of(HOSTILE_LONGS)));
    Arbitrary<Integer> gpuOverrides =
        rarely(10, Arbitraries.just(-2), Arbitraries.of(HOSTILE_INTS));
    Arbitrary<TrainingTail> tails = Combinators.combine(
        doubles(logUniform(0.01, 100), 0.001, 86_400.0, 0.000999, 86_401.0),
        doubles(Arbitraries.doubles().between(0.2, 0.7), 0.01, 1.0, 0.0099, 1.0001),
        Arbitraries.of(Optimizer.class), Arbitraries.of(Recompute.class), reservedGb(),
        Arbitraries.frequencyOf(Tuple.of(50, Arbitraries.just(0.0)),
            Tuple.of(50, doubles(logUniform(1e6, 1e13), 1e16, 1.0000001e16))),
        Arbitraries.of(ZeroStage.class))
        .as(TrainingTail::new);
    return Combinators.combine(modelSpace(), gpus(), splits, sequences, micro, microBatches,
        Combinators.combine(batchOverrides, gpuOverrides).as(List::<Number>of), tails)
        .as((model, gpu, split, sequence, microBatch, count, overrides, tail) -> {
          long product = (long) split.tensor() * split.pipeline() * split.data() * split.context();
          int gpuCount = overrides.get(1).intValue() != -2
              ? overrides.get(1).intValue()
              : clamp(product);
          // A batch of more than a million sequences is one micro-batch per sequence, so the
          // search of smallestData stays short.
          int perMicroBatch =
              (long) split.data() * microBatch * count > 1_000_000 ? 1 : microBatch;
          long batch = overrides.get(0).longValue() != -2
              ? overrides.get(0).longValue()
              : (long) split.data() * sequence * perMicroBatch * count;
          return new TrainingInput("Pretraining", model, gpu, gpuCount, split, tail.zero(),
              batch, sequence, perMicroBatch, tail.targetStepSeconds(), tail.mfu(),
              tail.optimizer(), tail.recompute(), tail.reservedGb(), tail.trainingTokens());
        });
  }

  /** The part of a training job beyond its model, layout and batch. */
  private record TrainingTail(double targetStepSeconds, double mfu, Optimizer optimizer,
      Recompute recompute, double reservedGb, double trainingTokens, ZeroStage zero) {}

  @Provide
  Arbitrary<DataPlaneInput> dataPlanes() {
    return eitherWay(this::dataPlaneSpace);
  }

  private Arbitrary<DataPlaneInput> dataPlaneSpace() {
    return Combinators.combine(
        doubles(Arbitraries.doubles().between(1, 8), 1e6, 1.000001e6),
        doubles(logUniform(0.1, 1_000), 1e-6, 1e6, 9.99e-7, 1.000001e6),
        ints(Arbitraries.integers().between(1, 8), 1, 1_000, 1_001),
        Arbitraries.of(true, false),
        doubles(logUniform(1, 100_000), 1.0, 1e7, 0.999, 1.000001e7),
        doubles(logUniform(0.1, 1_000), 1e-6, 1e6, 9.99e-7, 1.000001e6))
        .as((bytes, read, prefetch, resume, mtbf, write) ->
            new DataPlaneInput("Data", bytes, read, prefetch, resume, mtbf, write));
  }

  /**
   * Returns an RL loop: a policy, a reference, reward model and critic that are mostly the
   * policy or absent, and two pools whose GPUs mostly fit their splits.
   */
  @Provide
  Arbitrary<RlInput> loops() {
    return eitherWay(this::loopSpace);
  }

  private Arbitrary<RlInput> loopSpace() {
    Arbitrary<Optional<ModelShape>> others = modelSpace().optional(0.3);
    Arbitrary<List<Integer>> counts = Combinators.combine(
        ints(Arbitraries.integers().between(1, 512), 1, 10_000_000, 10_000_001),
        ints(Arbitraries.integers().between(1, 32), 1, 2, 10_000_000),
        ints(Arbitraries.integers().between(1, 8_192), 1, InputChecks.MAX_TOKENS),
        ints(Arbitraries.integers().between(1, 16_384), 1, InputChecks.MAX_TOKENS),
        rarely(10, Arbitraries.integers().between(0, 32_768), Arbitraries.of(HOSTILE_INTS)),
        ints(Arbitraries.of(0, 1, 2), 10_000_000, 10_000_001))
        .as(List::of);
    Arbitrary<List<Double>> rates = Combinators.combine(
        doubles(Arbitraries.doubles().between(0.2, 0.7), 0.01, 1.0, 0.0099),
        doubles(logUniform(1, 400), 1e6, 1.000001e6),
        doubles(Arbitraries.doubles().between(0.1, 1), 0.01, 1.0, 1.0001))
        .as(List::of);
    return Combinators.combine(modelSpace(), others, others, others,
        Arbitraries.of(RlAlgorithm.class),
        counts, Combinators.combine(pools(true), pools(false)).as(List::of),
        Combinators.combine(rates, Arbitraries.of(Recompute.class)).as(LoopTail::new))
        .as((policy, reference, reward, critic, algorithm, n, pools, tail) -> new RlInput(
            "PolicyRl", policy, reference.orElse(policy), reward, critic.orElse(policy),
            algorithm, n.get(0), n.get(1), n.get(2), n.get(3), clamp((long) n.get(3) + n.get(4)),
            n.get(5), pools.get(0), pools.get(1), tail.rates().get(0), tail.recompute(),
            tail.rates().get(1), tail.rates().get(2)));
  }

  /** The learners' MFU, broadcast bandwidth and efficiency, and their recompute policy. */
  private record LoopTail(List<Double> rates, Recompute recompute) {}

  /** Returns a pool of up to a few hundred GPUs whose count mostly fits its split. */
  Arbitrary<PoolInput> pools(boolean actors) {
    Arbitrary<ReplicaSplit> splits = Combinators.combine(
        ints(Arbitraries.of(1, 2, 4, 8), InputChecks.MAX_HEADS),
        ints(Arbitraries.of(1, 1, 2), InputChecks.MAX_LAYERS),
        ints(Arbitraries.of(1), 2),
        ints(Arbitraries.of(1, 2, 4, 8), InputChecks.MAX_HEADS),
        ints(Arbitraries.of(1, 1, 2), InputChecks.MAX_HEADS))
        .as(ReplicaSplit::new);
    Arbitrary<Integer> overrides = rarely(8, Arbitraries.just(-2),
        Arbitraries.of(actors ? HOSTILE_POOL_INTS : HOSTILE_INTS));
    return Combinators.combine(gpus(), splits, Arbitraries.integers().between(1, 32), overrides,
        Arbitraries.of(Precision.class), Arbitraries.of(ZeroStage.class), reservedGb())
        .as((gpu, split, replicas, override, precision, zero, reserved) -> {
          long fitting = actors
              ? (long) split.tensor() * split.pipeline() * replicas
              : (long) split.tensor() * split.pipeline() * split.data() * split.context();
          int count = override != -2 ? override : clamp(Math.min(fitting, 1_000_000));
          return new PoolInput(gpu, count, precision, split, zero, reserved);
        });
  }
}
