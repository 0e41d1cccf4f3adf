package dev.headroom.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyError;
import static dev.headroom.processor.HeadroomCompiler.assertOnlyWarning;
import static dev.headroom.processor.HeadroomCompiler.classOutput;
import static dev.headroom.processor.HeadroomCompiler.compile;
import static dev.headroom.processor.HeadroomCompiler.text;

import com.google.testing.compile.Compilation;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@code @Model(preset = ...)}: the preset gives the members a model does not write,
 * written members override it, a required member given by neither is an error on the
 * {@code @Model}, and the new shape members are checked on their own lines.
 */
class ModelPresetTest {
  private static final String SHAPE_LINES_END = "    vocabSize = 128256,";

  /** The capstone platform with its model's written shape replaced by {@code preset}. */
  private static DesignSource withPreset(String preset) {
    return DesignSource.platform("Platform")
        .removeLine("    layers = 80,")
        .removeLine("    hiddenSize = 8192,")
        .removeLine("    attentionHeads = 64,")
        .removeLine("    kvHeads = 8,")
        .removeLine("    intermediateSize = 28672,")
        .replace(SHAPE_LINES_END,
            "    preset = dev.headroom.annotations.KnownModel." + preset + ",");
  }

  @Test
  void presetGivesTheShapeTheModelDoesNotWrite() {
    // Llama 3 70B's preset is the shape the capstone writes out, and parameters = 70e9 is still
    // written: the same 576 GPUs (CAPSTONE.md's revised fleet, CapstoneDesignTest).
    Compilation compilation = compile(withPreset("LLAMA_3_70B").file());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("Serving needs 576 of 1,024 GPUs");
  }

  @Test
  void aPresetValueAtFaultIsReportedOnTheModelAsThePresets() {
    // DeepSeek-V3's preset has 3 dense layers; written layers = 2 leaves denseLayers = 3, which
    // is not written, so the error is on @Model and says where the 3 comes from.
    JavaFileObject design = withPreset("DEEPSEEK_V3").removeLine("    parameters = 70e9,")
        .replace("    preset = dev.headroom.annotations.KnownModel.DEEPSEEK_V3,",
            "    preset = dev.headroom.annotations.KnownModel.DEEPSEEK_V3,\n    layers = 2,")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).hadErrorContaining("denseLayers = 3 is out of range");
    assertThat(compilation).hadErrorContaining("(denseLayers is the value of preset ="
        + " DEEPSEEK_V3; write it to override it.)");
  }

  @Test
  void presetCountsReachTheReport_RP1_RP2_RK4() {
    // Without a declared count the preset's shape gives it: Llama 3.1 405B's 405,853,388,800
    // (R-P1), on tensor 8 and 4,096 GPUs so that it fits; DeepSeek-V3's 671,026,404,352 with
    // 70,272 B of BF16 KV per token (R-P2, R-K4), on expert 16.
    String llama = json(withPreset("LLAMA_3_1_405B").removeLine("    parameters = 70e9,")
        .replace("tensor = 4", "tensor = 8").replace("gpus = 1024", "gpus = 4096"));
    assertThat(llama).contains("\"parameters\": 405853388800,");

    String deepSeek = json(withPreset("DEEPSEEK_V3").removeLine("    parameters = 70e9,")
        .replace("tensor = 4", "expert = 16")
        .replace("      kvCache = Precision.FP8,", "      kvCache = Precision.BF16,"));
    assertThat(deepSeek).contains("\"parameters\": 671026404352,");
    assertThat(deepSeek).contains("\"kvBytesPerToken\": 70272,");
  }

  /** Returns the JSON report of {@code design}, written whether or not the design passes. */
  private static String json(DesignSource design) {
    return text(classOutput(compile(design.file()), "com.acme", "Platform.json"), "JSON");
  }

  @Test
  void writtenMembersOverrideThePreset() {
    // Every shape member written as Llama 3 70B's over an 8B preset: the 70B is sized.
    JavaFileObject design = DesignSource.platform("Platform")
        .insertBefore(SHAPE_LINES_END,
            "    preset = dev.headroom.annotations.KnownModel.LLAMA_3_8B,")
        .file();

    Compilation compilation = compile(design);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).hadNoteContaining("Serving needs 576 of 1,024 GPUs");
  }

  /**
   * Returns each invalid shape as: the member line added to the capstone's 70B (or "" to drop
   * its layers), the error, and the line it is on; a member that is not written is reported on
   * the {@code @Model}.
   */
  static Stream<Arguments> invalidShapes() {
    return Stream.of(
        Arguments.of("",
            "[headroom.missing-shape] @Model on Llama70B does not give layers: it is not written"
                + " and no preset gives it, and sizing needs it. Fix: write layers = ... from the"
                + " model's config.json (num_hidden_layers), or start from a preset such as"
                + " preset = KnownModel.LLAMA_3_70B.",
            "@Model("),
        Arguments.of("    activeExperts = 2,",
            "[headroom.input-range] activeExperts = 2 is out of range: it must be 0, because the"
                + " model has no experts. Fix: set experts too, or remove activeExperts.",
            "activeExperts = 2"),
        // MQA has one KV head; the 70B shape has 8.
        Arguments.of("    attention = dev.headroom.annotations.Attention.MQA,",
            "[headroom.attention-kind] attention = MQA does not match kvHeads = 8 with"
                + " attentionHeads = 64",
            "Attention.MQA"),
        Arguments.of("    slidingWindow = 4096,",
            "[headroom.input-range] slidingWindowLayers = 0 is out of range: it must be a"
                + " positive count of layers when slidingWindow is set. Fix: count the layers"
                + " layer_types marks sliding_attention.",
            "@Model("));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidShapes")
  void invalidShapeIsOneErrorOnItsMemberOrTheModel(String added, String message, String line) {
    DesignSource platform = DesignSource.platform("Platform");
    JavaFileObject design = added.isEmpty()
        ? platform.removeLine("    layers = 80,").file()
        : platform.insertBefore(SHAPE_LINES_END, added).file();

    Compilation compilation = compile(design);

    assertOnlyError(compilation, design, message, line);
  }

  @Test
  void unevenExpertDegreeIsAWarningOnTheExpertMember() {
    // Mixtral's 8 experts over expert = 3 (parameters = 70e9 removed, so the shape's count
    // is used): the busiest GPU holds ⌈8 / 3⌉ = 3 experts per layer.
    JavaFileObject design = withPreset("MIXTRAL_8X7B")
        .removeLine("    parameters = 70e9,")
        .replace("      parallelism = @Parallelism(tensor = 4),",
            "      parallelism = @Parallelism(tensor = 4, expert = 3),")
        .file();

    Compilation compilation = compile(design);

    assertOnlyWarning(compilation, design,
        "[headroom.uneven-experts] 8 experts do not divide evenly over expert = 3: the busiest"
            + " GPU holds 3 experts per layer, and sizing uses it. Fix: use an expert-parallel"
            + " degree that divides the experts, such as 2.",
        "expert = 3");
  }
}
