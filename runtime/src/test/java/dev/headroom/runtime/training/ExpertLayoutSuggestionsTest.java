package dev.headroom.runtime.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.serving.ReplicaSplit;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every layout a training job's levers and fixes propose is one validation accepts: with
 * experts, the expert degree must divide the data × context ranks, so a proposed data degree
 * is a multiple of expert / gcd(expert, context).
 */
class ExpertLayoutSuggestionsTest {
  /** DeepSeek-V3's preset with {@code dtype = Precision.BF16}, as a design overrides it. */
  private static final ModelShape DEEPSEEK_V3_BF16 =
      bf16(KnownModels.shape(KnownModel.DEEPSEEK_V3));

  private static ModelShape bf16(ModelShape m) {
    return new ModelShape(m.name(), m.declaredParameters(), m.layers(), m.hiddenSize(),
        m.attentionHeads(), m.kvHeads(), m.declaredHeadDim(), m.intermediateSize(),
        m.vocabSize(), m.tiedEmbeddings(), Precision.BF16, m.experts(), m.attention(),
        m.latent(), m.window());
  }

  /**
   * Returns DeepSeek-V3 pre-training on {@code gpus} H100s, pipeline 16 × data {@code data} ×
   * expert 64, ZeRO-1, full recompute: 62,914,560-token steps of 4,096-token sequences at 40%
   * MFU against {@code targetStepSeconds}.
   */
  private static TrainingInput deepSeekV3(int gpus, int data, double targetStepSeconds) {
    return new TrainingInput("V3Pretrain", DEEPSEEK_V3_BF16, TrainingCases.H100, gpus,
        new ReplicaSplit(1, 16, 64, data, 1), ZeroStage.ONE, 62_914_560L, 4_096, 1,
        targetStepSeconds, 0.40, Optimizer.ADAMW, Recompute.FULL, 5.0, 0);
  }

  @Test
  void smallestLayoutThatMeetsTheTargetIsAMultipleOfTheExpertDegree() {
    // FLOPs per token: 6 × 37,552,282,624 active + 12 × 61 × 128 × 128 × 4,096 / 2 =
    // 225,313,695,744 + 24,561,844,224 = 249,875,539,968; × 62,914,560 tokens = 1.5721e19 a
    // step. The 30 s target at 989.4 TFLOP/s × 0.40 needs ⌈1.5721e19 / 1.18728e16⌉ =
    // ⌈1,324.10⌉ = 1,325 GPUs, ⌈1,325 / 16⌉ = 83 data ranks. The 15,360 sequences of a step
    // (2^10 × 3 × 5) split evenly over 96 of them, but expert 64 does not divide 96 × 1: that
    // layout is an error. The smallest divisor of 15,360 of at least 83 that is a multiple of
    // 64 is 128 (15,360 / 128 = 120): 16 × 128 = 2,048 GPUs, the declared layout.
    TrainingInput input = deepSeekV3(2_048, 128, 30);
    TrainingFigures f = TrainingSizing.figures(input);

    assertEquals(249_875_539_968.0, f.flopsPerToken());
    assertEquals(1_325L, f.gpusNeeded());
    assertEquals(64L, TrainingSizing.dataMultiple(input.split()));
    assertEquals(OptionalLong.of(128), TrainingSizing.smallestData(input, 83));
    assertEquals(OptionalLong.of(96), TrainingSizing.smallestData(
        input.withLayout(new ReplicaSplit(1, 16, 1, 128, 1), input.zero(), input.recompute()),
        83));
  }

  @Test
  void stepLeverProposesADataDegreeTheExpertDegreeDivides() {
    // An 18 s target needs ⌈1.5721e19 / (18 × 989.4e12 × 0.40)⌉ = ⌈2,206.84⌉ = 2,207
    // GPUs: 2,048 step in 1.5721e19 / (2,048 × 395.76e12) = 19.40 s. ⌈2,207 / 16⌉ = 138 data
    // ranks; 15,360's divisors from 138 up are 160 and 192, and 160 is no multiple of 64
    // (64 × 2.5): data = 192, 16 × 192 = 3,072 GPUs, not 160 and 2,560.
    TrainingInput input = deepSeekV3(2_048, 128, 18);
    TrainingFigures f = TrainingSizing.figures(input);

    assertEquals(2_207L, f.gpusNeeded());
    assertEquals("2,207 GPUs at mfu 0.4 (data = 192, the smallest degree that splits the 15,360"
        + " sequences of a step evenly and is a multiple of 64 (expert = 64 divides data ×"
        + " context 1): gpus = 3,072)", TrainingSizing.stepLevers(input, f).get(0));
  }

  @Test
  void dataMultipleIsTheExpertDegreeOverWhatContextAlreadyGives() {
    // e / gcd(e, c): 64 / gcd(64, 1) = 64; 64 / gcd(64, 2) = 32; 8 / gcd(8, 16) = 1; and 1
    // for a dense model.
    assertEquals(64L, TrainingSizing.dataMultiple(new ReplicaSplit(1, 16, 64, 128, 1)));
    assertEquals(32L, TrainingSizing.dataMultiple(new ReplicaSplit(1, 16, 64, 32, 2)));
    assertEquals(1L, TrainingSizing.dataMultiple(new ReplicaSplit(2, 1, 8, 3, 16)));
    assertEquals(1L, TrainingSizing.dataMultiple(new ReplicaSplit(8, 1, 1, 512, 1)));
  }

  @Test
  void memoryLeversKeepTheExpertDegreeAndADataDegreeItDivides() {
    // Mixtral 8x7B on 64 H100s, expert 8 × data 64, no ZeRO, selective recompute, 2^22 tokens
    // of 4,096: each GPU holds all 1,605,636,096 dense parameters and 1 of 8 experts a layer,
    // 32 × 176,160,768 = 5,637,144,576, × 16 B = 115,884,490,752 B, over the 80.52 GB left.
    // Halving data to add tensor or pipeline keeps expert 8, which must divide the data left.
    // tensor 2, data 32: (1,605,636,096 + 5,637,144,576) / 2 = 3,621,390,336 parameters × 16
    // B = 57,942,245,376, + 34 × 4,096 × 4,096 / 2 = 285,212,672 B a layer × 32 layers × 1
    // micro-batch in flight = 9,126,805,504: 67,069,050,880 B.
    // pipeline 2, data 32: the last stage's 16 layers of 41,984,000 dense + 176,160,768 expert
    // parameters, the 131,072,000-parameter head and the 4,096 final norm, 3,621,392,384 × 16 B
    // = 57,942,278,144, + 34 × 4,096 × 4,096 = 570,425,344 B a layer × 16 layers × min(2, 32)
    // in flight = 18,253,611,008: 76,195,889,152 B.
    // The old levers dropped the expert degree and offered pipeline 16 with data 4, where
    // expert 8 does not divide 4.
    TrainingInput input = new TrainingInput("MixtralTraining",
        KnownModels.shape(KnownModel.MIXTRAL_8X7B), TrainingCases.H100, 64,
        new ReplicaSplit(1, 1, 8, 64, 1), ZeroStage.NONE, 4_194_304L, 4_096, 1, 10.0, 0.40,
        Optimizer.ADAMW, Recompute.SELECTIVE, 5.0, 0);

    assertEquals(List.of("zero = ONE (55.98 GB per GPU)",
        "tensor = 2 with data = 32 (67.07 GB per GPU)",
        "pipeline = 2 with data = 32 (76.20 GB per GPU)"), TrainingSizing.memoryLevers(input));
    ReplicaSplit pipelined = new ReplicaSplit(1, 2, 8, 32, 1);
    assertEquals(76_195_889_152L, TrainingSizing.figures(
        input.withLayout(pipelined, input.zero(), input.recompute())).memoryBytesPerGpu());
  }

  @Test
  void gpusFixOffersNoDataDegreeTheExpertDegreeDoesNotDivide() {
    // 1,536 GPUs declared beside pipeline 16 × data 128 = 2,048. 1,536 / 16 = 96 data ranks
    // would split the 15,360 sequences (160 each), but expert 64 does not divide 96, so the
    // fix offers only the GPUs the degrees multiply to.
    TrainingInput input = deepSeekV3(1_536, 128, 30);

    assertEquals("the parallel layout does not add up: tensor 1 × pipeline 16 × data 128 ×"
        + " context 1 = 2,048 GPUs, but gpus = 1,536. Fix: set gpus = 2,048.",
        TrainingCases.only(TrainingValidation.check(input), "headroom.layout").message());
  }
}
