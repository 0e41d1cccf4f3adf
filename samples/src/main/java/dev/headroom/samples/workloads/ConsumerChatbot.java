package dev.headroom.samples.workloads;

import dev.headroom.annotations.EvalGate;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Production;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Workload;

/**
 * A consumer chatbot: a huge request rate of short chat turns on a small model, where what
 * decides the design is the cost of a turn.
 *
 * <p>Assumptions (this sample's): 20,000 turns a second at the evening peak, twice the day's
 * mean; a turn carries 800 tokens of conversation and writes 400; 500 ms to the first token and
 * 40 ms per token are what a chat interface feels as instant. The free tier may spend at most
 * $0.000025 of GPU time on a turn ($25 per million turns, an assumption to replace with your
 * own). H100s rent at $2 per GPU-hour (the price DeepSeek's published serving day assumes, in
 * its open-infra-index inference overview); 8 spare replicas, a tenth of the fleet per rolling
 * deploy, autoscaled down to a fifth of peak at night.
 *
 * <p>Iteration: the first design served the model and its KV cache in BF16. A replica then held
 * 409 turns, the autoscaled day averaged 525 GPUs, $0.0000292 a turn, and the build failed on
 * {@code maxDollarsPerRequest}, naming FP8 KV cache as the fix. In FP8 each turn's KV halves, a
 * replica holds 819, and the day averages 267 GPUs at $0.0000148 a turn: the design passes,
 * bound by cost, with the KV format gated on the chat quality suite.
 */
@Workload(requestsPerSecond = 20_000, promptTokens = 800, outputTokens = 400)
@Slo(ttftMillis = 500, tpotMillis = 40)
public final class ConsumerChatbot {
  private ConsumerChatbot() {}

  /** One H100 per replica: an 8B model needs no tensor parallelism. */
  @Fleet(
      model = Llama8B.class,
      gpu = Gpu.H100_SXM,
      gpus = 1200,
      kvCache = Precision.FP8)
  @Production(
      peakToMean = 2.0,
      spareReplicas = 8,
      deployHeadroom = 0.1,
      autoscalingFloor = 0.2,
      dollarsPerGpuHour = 2.0,
      ttftP99Millis = 1000,
      maxDollarsPerRequest = 0.000025)
  @EvalGate(
      suite = "chat quality, LLM judge with position and length bias controls",
      metric = "win rate of FP8 KV cache against BF16",
      threshold = 0.48)
  public static final class Chat {
    private Chat() {}
  }
}
