package dev.headroom.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyWarning;
import static dev.headroom.processor.HeadroomCompiler.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Checks that each fit, SLO and budget finding lands on the value that sets it, with the numbers
 * worked out by hand below from DESIGN.md's formulas and the H100 SXM catalogue entry: 81,559 MiB
 * reported (81,559 × 2^20 = 85,520,809,984 B), 3.35 TB/s, 989.4 dense BF16 and 1,978.9 dense FP8
 * TFLOP/s.
 */
class SizingDiagnosticsTest {

  @Test
  void weightsLargerThanGpuIsMemoryFitNamingSmallestTensor() {
    // Llama 3 405B in BF16: 405e9 × 2 B = 810e9 B of weights; at tensor = 1 all on one GPU.
    // Smallest t > 1 dividing 128 heads and compatible with 8 KV heads whose KV room holds one
    // request (1,000 + 2,500 = 3,500 tokens):
    //   t = 8:  810e9 / 8 = 101.25e9 B per GPU > 85,520,809,984 B, no room.
    //   t = 16: 50.625e9 B; room = 85,520,809,984 − 50,625,000,000 − 5e9 = 29,895,809,984 B;
    //           KV per token per GPU = 2 × 126 layers × max(1, 8 / 16) × 128 × 2 B = 64,512 B,
    //           × 3,500 tokens = 225,792,000 B per request, so 132 requests fit.
    JavaFileObject design = DesignSource.llama405bOnOneGpu("Platform").file();

    Compilation compilation = compile(design);

    assertThat(compilation)
        .hadErrorContaining("[headroom.memory-fit] weights do not fit: 810.00 GB of BF16 weights")
        .inFile(design)
        .onLineContaining("tensor = 1");
    assertThat(compilation)
        .hadErrorContaining("the smallest tensor-parallel degree that fits is tensor = 16 (more"
            + " than the 8 GPUs of a node: tensor parallelism across nodes is slow);");
  }

  @Test
  void weightsPlusReservedOverMemoryIsKvRoom() {
    // 70e9 × 2 B (BF16) / tensor 2 = 70e9 B per GPU, which fits 85,520,809,984 B; but
    // with 20 GB reserved: 85,520,809,984 − 70e9 − 20e9 = −4,479,190,016 B (−4.48 GB) for
    // KV cache. At t = 4: 85,520,809,984 − 35e9 − 20e9 = 30,520,809,984 B; a request is
    // 2 × 80 × 2 × 128 × 2 B = 81,920 B per token × 3,500 = 286,720,000 B, so 106 fit and
    // tensor = 4 is the fix.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("weights = Precision.FP8", "weights = Precision.BF16")
        .replace("kvCache = Precision.FP8", "kvCache = Precision.BF16")
        .replace("reservedGbPerGpu = 5.0", "reservedGbPerGpu = 20.0")
        .replace("tensor = 4", "tensor = 2")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.kv-room] no room for KV cache: each GPU has 85.52 GB − 70.00 GB weights −"
            + " 20.00 GB reserved = -4.48 GB for KV cache at tensor = 2, so no request can be"
            + " held. Fix: the smallest tensor-parallel degree that fits is tensor = 4;",
        "tensor = 2");
  }

  @Test
  void requestLargerThanKvRoomIsKvCapacityOnOutputTokens() {
    // FP8 at tensor = 4: room = 85,520,809,984 − 70e9 / 4 − 5e9 = 63,020,809,984 B (63.02 GB).
    // KV per token per GPU = 2 × 80 × (8 / 4) × 128 × 1 B = 40,960 B; 1,000 + 2,000,000 tokens
    // need 40,960 × 2,001,000 = 81,960,960,000 B (81.96 GB), more than the room.
    // At t = 8: room = 85,520,809,984 − 8.75e9 − 5e9 = 71,770,809,984 B, and the request needs
    // 20,480 × 2,001,000 = 40,980,480,000 B, so tensor = 8 fits. At tensor = 4 the room holds
    // ⌊63,020,809,984 / 40,960⌋ = 1,538,593 tokens.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("outputTokens = 2500", "outputTokens = 2000000")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.kv-capacity] one request does not fit the KV cache: in fleet Serving, a"
            + " request of 2,001,000 tokens needs 81.96 GB of KV per GPU, but each GPU has"
            + " 85.52 GB − 17.50 GB weights − 5.00 GB reserved = 63.02 GB for KV cache at"
            + " tensor = 4. Fix: keep prompt + output within 1,538,593 tokens; or the smallest"
            + " tensor-parallel degree that fits is tensor = 8;",
        "outputTokens = 2000000");
  }

  @Test
  void slowPrefillIsTtftOnTtftMillis() {
    // Prefill = 2 × 70e9 × 1,000 tokens / (4 GPUs × 1,978.9e12 FP8 FLOP/s × 0.40)
    //         = 1.4e14 / 3.16624e15 s = 44.22 ms, over 10 ms. t = 16 gives 11.05 ms, still over;
    // t = 32 gives 5.53 ms.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("ttftMillis = 1000", "ttftMillis = 10")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.ttft] the TTFT SLO cannot be met: in fleet Serving, prefill of 1,000 prompt"
            + " tokens takes"
            + " 44.22 ms on tensor = 4 GPUs, over ttftMillis = 10. Fix: tensor = 32 (more than"
            + " the 8 GPUs of a node: tensor parallelism across nodes is slow) prefills"
            + " fast enough",
        "ttftMillis = 10");
  }

  @Test
  void slowDecodeStepIsTpotOnTpotMillis() {
    // One decode step at a batch of 1 reads 70e9 / 4 = 17.5e9 B of FP8 weights plus one
    // request's KV, 40,960 B × 3,500 tokens = 143,360,000 B, at 3.35e12 B/s:
    // 17,643,360,000 / 3.35e12 s = 5.27 ms, over 1 ms. t = 16: (4.375e9 + 20,480 × 3,500) /
    // 3.35e12 = 1.33 ms, still over; t = 32: (2.1875e9 + 71,680,000) / 3.35e12 = 0.67 ms.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("tpotMillis = 50", "tpotMillis = 1")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.tpot] the TPOT SLO cannot be met: in fleet Serving, one decode step takes"
            + " 5.27 ms even at a"
            + " batch of 1, over tpotMillis = 1. Fix: tensor = 32 (more than the 8 GPUs of a"
            + " node: tensor parallelism across nodes is slow) reads the weights fast"
            + " enough",
        "tpotMillis = 1");
  }

  @Test
  void naiveCapstoneBreaksGpuBudgetOnGpus() {
    // Naive capstone, FP16 at tensor = 4: W = 1 s + 4,000 × 0.05 s = 201 s; L = 500 × 201 =
    // 100,500 in flight. Room = 85,520,809,984 − 140e9 / 4 − 5e9 = 45,520,809,984 B; a request
    // holds 2 × 80 × 2 × 128 × 2 B = 81,920 B × 5,000 tokens = 409,600,000 B, so 111 fit (the
    // TPOT bound, (0.05 × 3.35e12 − 35e9) / 409.6e6 = 323, does not bind). Replicas =
    // ⌈100,500 / 111⌉ = 906; GPUs = 906 × 4 = 3,624; 3,624 / 1,024 = 3.539 ≈ 3.54×.
    JavaFileObject design = DesignSource.platform("NaivePlatform")
        .replace("outputTokens = 2500", "outputTokens = 4000")
        .replace("weights = Precision.FP8", "weights = Precision.FP16")
        .replace("kvCache = Precision.FP8", "kvCache = Precision.FP16")
        .file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design,
        "[headroom.gpu-budget] GPU budget broken: the fleet needs 3,624 GPUs (906 replicas ×"
            + " 4 GPUs, each holding 111 of the 100,500 requests in flight) but gpus = 1,024:"
            + " 3.54× the budget. Fix: raise gpus to 3,624",
        "gpus = 1024");
  }

  @Test
  void lessThanTenPercentSpareIsThinMarginWarningOnGpus() {
    // Revised capstone: W = 1 s + 2,500 × 0.05 s = 126 s; L = 500 × 126 = 63,000. Room =
    // 85,520,809,984 − 17.5e9 − 5e9 = 63,020,809,984 B; a request holds 40,960 B × 3,500 =
    // 143,360,000 B, so 439 fit. Replicas = ⌈63,000 / 439⌉ = 144; GPUs = 576; spare =
    // (600 − 576) / 600 = 4.0%.
    JavaFileObject design =
        DesignSource.platform("Platform").replace("gpus = 1024", "gpus = 600").file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.thin-margin] thin margin: the fleet needs 576 GPUs (144 replicas × 4 GPUs,"
            + " each holding 439 of the 63,000 requests in flight) of gpus = 600, 4.0% to"
            + " spare, under 10.0%.",
        "gpus = 600");
  }

  @Test
  void declaredParametersFarFromShapeIsMismatchWarning() {
    // The Llama 3 70B shape gives, per layer,
    // 2·8192·64·128 + 2·8192·8·128 + 3·8192·28,672 + 2·8192 = 855,654,400;
    // × 80 layers = 68,452,352,000; plus 2 × 128,256 × 8,192 embeddings
    // = 2,101,346,304 and the final norm 8,192: 70,553,706,496. 7e9 is
    // (70,553,706,496 − 7e9) / 70,553,706,496 = 90.1% apart.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("parameters = 70e9", "parameters = 7e9")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.parameters-mismatch] parameters = 7,000,000,000 disagrees with the shape,"
            + " which gives 70,553,706,496 (90.1% apart;",
        "parameters = 7e9");
  }

  @Test
  void fourBitWeightsLendingKvTheirFormatIsKvPrecisionWarningOnWeights() {
    // INT4 (GPTQ/AWQ: 4 bits + one fp16 scale per 128) is 528 / 128 = 4.125 bits per element;
    // with kvCache left to inherit, the KV cache would be sized at 4.125 bits too.
    JavaFileObject design = DesignSource.platform("Platform")
        .replace("weights = Precision.FP8", "weights = Precision.INT4")
        .removeLine("kvCache = Precision.FP8,")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.kv-precision] kvCache inherits INT4 from weights = INT4, so KV is sized at"
            + " 4.125 bits per element;",
        "weights = Precision.INT4");
  }
}
