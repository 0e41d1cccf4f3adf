package dev.headroom.processor;

import static dev.headroom.runtime.report.Anchor.ACTORS;
import static dev.headroom.runtime.report.Anchor.ACTOR_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.BASELINE;
import static dev.headroom.runtime.report.Anchor.BASELINE_ESTIMATE;
import static dev.headroom.runtime.report.Anchor.CRITIC;
import static dev.headroom.runtime.report.Anchor.DATA_PLANE;
import static dev.headroom.runtime.report.Anchor.ESTIMATE;
import static dev.headroom.runtime.report.Anchor.FLEET;
import static dev.headroom.runtime.report.Anchor.LEARNERS;
import static dev.headroom.runtime.report.Anchor.LEARNER_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.MODEL;
import static dev.headroom.runtime.report.Anchor.PARALLELISM;
import static dev.headroom.runtime.report.Anchor.PLATFORM;
import static dev.headroom.runtime.report.Anchor.PREFILL;
import static dev.headroom.runtime.report.Anchor.PREFILL_PARALLELISM;
import static dev.headroom.runtime.report.Anchor.PRODUCTION;
import static dev.headroom.runtime.report.Anchor.REFERENCE;
import static dev.headroom.runtime.report.Anchor.REWARD;
import static dev.headroom.runtime.report.Anchor.RL_LOOP;
import static dev.headroom.runtime.report.Anchor.SLO;
import static dev.headroom.runtime.report.Anchor.TRAINING;
import static dev.headroom.runtime.report.Anchor.WORKLOAD;

import dev.headroom.annotations.Attention;
import dev.headroom.annotations.Baseline;
import dev.headroom.annotations.DataPlane;
import dev.headroom.annotations.Estimate;
import dev.headroom.annotations.EvalGates;
import dev.headroom.annotations.Fleet;
import dev.headroom.annotations.Gpu;
import dev.headroom.annotations.KnownModel;
import dev.headroom.annotations.KvSizing;
import dev.headroom.annotations.Model;
import dev.headroom.annotations.Optimizer;
import dev.headroom.annotations.Parallelism;
import dev.headroom.annotations.Platform;
import dev.headroom.annotations.Precision;
import dev.headroom.annotations.Production;
import dev.headroom.annotations.Recompute;
import dev.headroom.annotations.RlAlgorithm;
import dev.headroom.annotations.RlLoop;
import dev.headroom.annotations.Slo;
import dev.headroom.annotations.Training;
import dev.headroom.annotations.Workload;
import dev.headroom.annotations.ZeroStage;
import dev.headroom.runtime.catalog.GpuCatalog;
import dev.headroom.runtime.model.Experts;
import dev.headroom.runtime.model.KnownModels;
import dev.headroom.runtime.model.LatentAttention;
import dev.headroom.runtime.model.ModelShape;
import dev.headroom.runtime.model.SlidingWindow;
import dev.headroom.runtime.platform.PlatformInput;
import dev.headroom.runtime.production.ProductionInput;
import dev.headroom.runtime.report.Anchor;
import dev.headroom.runtime.report.Diagnostic;
import dev.headroom.runtime.report.Finding;
import dev.headroom.runtime.report.Subject;
import dev.headroom.runtime.rl.PoolInput;
import dev.headroom.runtime.rl.RlInput;
import dev.headroom.runtime.serving.BaselineChanges;
import dev.headroom.runtime.serving.EvalGate;
import dev.headroom.runtime.serving.FleetInput;
import dev.headroom.runtime.serving.HandEstimate;
import dev.headroom.runtime.serving.LatencySlo;
import dev.headroom.runtime.serving.ReplicaSplit;
import dev.headroom.runtime.serving.Traffic;
import dev.headroom.runtime.training.DataPlaneInput;
import dev.headroom.runtime.training.TrainingInput;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads one stage type through annotation mirrors: a {@code @Fleet} into a {@link FleetSource}
 * (its own values, its model, and the workload, SLO and parallelism it uses), a
 * {@code @Training} into a {@link TrainingSource}, a {@code @DataPlane} into a
 * {@link DataPlaneSource}. A value that does not resolve yet throws {@link Unresolved}, so the
 * design can wait for a later round.
 */
final class DesignReader {
  private final Elements elements;
  /** The stage being read, where an unresolved value is reported when it lies elsewhere. */
  private TypeElement currentType;

  private AnnotationMirror currentStage;

  DesignReader(Elements elements) {
    this.elements = elements;
  }

  /** Thrown when a value the fleet refers to is not resolved (yet): javac reports why. */
  static final class Unresolved extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Location location;
    private final transient AnnotationValue value;

    Unresolved(String what, Location location, AnnotationValue value) {
      super(what, null, false, false);
      this.location = location;
      this.value = value;
    }

    /** Returns where the unresolved value is written. */
    Location location() {
      return location;
    }

    /** Returns the unresolved value. */
    AnnotationValue value() {
      return value;
    }
  }

  /**
   * Starts reading the stage {@code annotation} on {@code type}: returns its mirror, records
   * where it is written under {@code anchor}, and makes it where an unresolved value is reported.
   */
  private AnnotationMirror begin(TypeElement type, Class<?> annotation, Anchor anchor,
      Map<Anchor, Location> locations) {
    AnnotationMirror stage = Mirrors.find(type, annotation).orElseThrow();
    currentType = type;
    currentStage = stage;
    locations.put(anchor, new Location(type, stage, Optional.of(stage)));
    return stage;
  }

  /** Returns the fleet read from {@code fleetType}, which carries {@code @Fleet}. */
  FleetSource read(TypeElement fleetType) throws Unresolved {
    Map<Anchor, Location> locations = new EnumMap<>(Anchor.class);
    AnnotationMirror fleet = begin(fleetType, Fleet.class, FLEET, locations);
    List<Finding> errors = new ArrayList<>();
    String name = fleetType.getSimpleName().toString();

    ModelShape model = readModel(fleet, FLEET, locations, errors);
    Traffic traffic = readTraffic(fleetType, locations, errors);
    LatencySlo slo = readSlo(fleetType, traffic.offline(), locations, errors);
    ReplicaSplit split = split(parallelism(fleetType, fleet, FLEET, locations, errors));
    Gpu gpu = enumValue(Gpu.class, fleet, "gpu", FLEET, errors).orElse(Gpu.H100_SXM);
    // Only a written @PrefillPool is read: the default one's members are never completed by
    // javac (its type appears nowhere in the source), and reading them throws.
    Optional<AnnotationMirror> prefill = Mirrors.explicit(fleet, "prefill")
        .map(value -> (AnnotationMirror) value.getValue());
    locations.put(PREFILL, new Location(fleetType, fleet, prefill));
    locations.put(PREFILL_PARALLELISM, new Location(fleetType, fleet, prefill.flatMap(pool ->
        Mirrors.explicit(pool, "parallelism").map(value -> (AnnotationMirror) value.getValue()))));
    int prefillGpus = prefill.isPresent() ? intValue(prefill.get(), "gpus") : 0;
    ReplicaSplit prefillSplit = prefill.isPresent()
        ? split(typed(prefill.get(), "parallelism", AnnotationMirror.class))
        : ReplicaSplit.single();
    FleetInput input = new FleetInput(
        name,
        model,
        traffic,
        slo,
        GpuCatalog.spec(gpu),
        intValue(fleet, "gpus"),
        split,
        enumValue(Precision.class, fleet, "weights", FLEET, errors).orElse(Precision.INHERIT),
        enumValue(Precision.class, fleet, "kvCache", FLEET, errors).orElse(Precision.INHERIT),
        doubleValue(fleet, "reservedGbPerGpu"),
        enumValue(KvSizing.class, fleet, "kvSizing", FLEET, errors).orElse(KvSizing.PEAK),
        doubleValue(fleet, "prefillEfficiency"),
        prefillGpus,
        prefillSplit);

    Optional<BaselineChanges> baseline = readBaseline(fleetType, locations, errors);
    Optional<AnnotationMirror> estimateMirror = Mirrors.find(fleetType, Estimate.class);
    estimateMirror.ifPresent(mirror ->
        locations.put(ESTIMATE, new Location(fleetType, mirror, estimateMirror)));
    Optional<HandEstimate> estimate = estimateMirror.isPresent()
        ? estimate(estimateMirror.get())
        : Optional.empty();
    List<Location> gateLocations = new ArrayList<>();
    List<EvalGate> gates = readGates(fleetType, gateLocations);
    return new FleetSource(fleetType, input, locations, List.copyOf(errors), baseline, estimate,
        gates, List.copyOf(gateLocations));
  }

  /**
   * Returns the {@code @EvalGate}s that gate a fleet: those on its type, then those on each type
   * enclosing it, outward, each in the order written, with where each is written in
   * {@code locations} (same order). A gate's own values are checked by the engine.
   */
  private List<EvalGate> readGates(TypeElement fleetType, List<Location> locations)
      throws Unresolved {
    List<EvalGate> gates = new ArrayList<>();
    for (Element scope = fleetType; scope != null; scope = scope.getEnclosingElement()) {
      if (!scope.getKind().isClass() && !scope.getKind().isInterface()) {
        break;
      }
      List<AnnotationMirror> written = new ArrayList<>();
      Mirrors.find(scope, dev.headroom.annotations.EvalGate.class).ifPresent(written::add);
      Optional<AnnotationMirror> container = Mirrors.find(scope, EvalGates.class);
      if (container.isPresent()) {
        for (Object each : typed(container.get(), "value", List.class)) {
          written.add((AnnotationMirror) ((AnnotationValue) each).getValue());
        }
      }
      for (AnnotationMirror mirror : written) {
        gates.add(new EvalGate(stringValue(mirror, "suite"), stringValue(mirror, "metric"),
            doubleValue(mirror, "threshold"), typed(mirror, "atMost", Boolean.class)));
        // Repeated gates sit in a container javac made up, which has no source position of
        // its own: each gate's mirror is what locates it.
        locations.add(new Location(scope, mirror, Optional.of(mirror)));
      }
    }
    return List.copyOf(gates);
  }

  /** Returns the {@code @Production} on {@code type}, which also carries {@code @Fleet}. */
  ProductionSource readProduction(TypeElement type) throws Unresolved {
    Map<Anchor, Location> locations = new EnumMap<>(Anchor.class);
    AnnotationMirror production = begin(type, Production.class, PRODUCTION, locations);
    AnnotationMirror fleet = Mirrors.find(type, Fleet.class).orElseThrow();
    locations.put(FLEET, new Location(type, fleet, Optional.of(fleet)));
    ProductionInput input = new ProductionInput(
        type.getSimpleName().toString(),
        doubleValue(production, "peakToMean"),
        intValue(production, "spareReplicas"),
        doubleValue(production, "deployHeadroom"),
        doubleValue(production, "dollarsPerGpuHour"),
        false,
        doubleValue(production, "autoscalingFloor"),
        doubleValue(production, "ttftP99Millis"),
        doubleValue(production, "maxRefusalRate"),
        doubleValue(production, "maxDollarsPerRequest"));
    return new ProductionSource(type, input, locations);
  }

  /** Returns the {@code @Platform} on the design type {@code type}. */
  PlatformSource readPlatform(TypeElement type) throws Unresolved {
    Map<Anchor, Location> locations = new EnumMap<>(Anchor.class);
    AnnotationMirror platform = begin(type, Platform.class, PLATFORM, locations);
    List<Finding> errors = new ArrayList<>();
    Gpu gpu = enumValue(Gpu.class, platform, "gpu", PLATFORM, errors).orElse(Gpu.H100_SXM);
    PlatformInput input = new PlatformInput(type.getSimpleName().toString(),
        GpuCatalog.spec(gpu), intValue(platform, "gpus"),
        doubleValue(platform, "dollarsPerGpuHour"));
    return new PlatformSource(type, input, locations, List.copyOf(errors));
  }

  /** Returns the training job read from {@code type}, which carries {@code @Training}. */
  TrainingSource readTraining(TypeElement type) throws Unresolved {
    Map<Anchor, Location> locations = new EnumMap<>(Anchor.class);
    AnnotationMirror training = begin(type, Training.class, TRAINING, locations);
    List<Finding> errors = new ArrayList<>();

    ModelShape model = readModel(training, TRAINING, locations, errors);
    AnnotationMirror parallelism = parallelism(type, training, TRAINING, locations, errors);
    Gpu gpu = enumValue(Gpu.class, training, "gpu", TRAINING, errors).orElse(Gpu.H100_SXM);
    TrainingInput input = new TrainingInput(
        type.getSimpleName().toString(),
        model,
        GpuCatalog.spec(gpu),
        intValue(training, "gpus"),
        split(parallelism),
        enumValue(ZeroStage.class, parallelism, "zero", PARALLELISM, errors)
            .orElse(ZeroStage.NONE),
        longValue(training, "globalBatchTokens"),
        intValue(training, "sequenceLength"),
        intValue(training, "microBatchSequences"),
        doubleValue(training, "targetStepSeconds"),
        doubleValue(training, "mfu"),
        enumValue(Optimizer.class, training, "optimizer", TRAINING, errors)
            .orElse(Optimizer.ADAMW),
        enumValue(Recompute.class, training, "recompute", TRAINING, errors)
            .orElse(Recompute.NONE),
        doubleValue(training, "reservedGbPerGpu"),
        doubleValue(training, "trainingTokens"));
    return new TrainingSource(type, input, locations, List.copyOf(errors));
  }

  /**
   * Returns the data plane read from {@code type}, which carries {@code @DataPlane}, with the
   * training type it feeds: its own type by default, else the one {@code training} names.
   */
  DataPlaneSource readDataPlane(TypeElement type) throws Unresolved {
    Map<Anchor, Location> locations = new EnumMap<>(Anchor.class);
    AnnotationMirror plane = begin(type, DataPlane.class, DATA_PLANE, locations);
    List<Finding> errors = new ArrayList<>();

    Optional<TypeElement> training = trainingOf(type, plane, errors);
    DataPlaneInput input = new DataPlaneInput(
        type.getSimpleName().toString(),
        doubleValue(plane, "bytesPerToken"),
        doubleValue(plane, "storageReadGbPerSecond"),
        intValue(plane, "prefetchBatches"),
        typed(plane, "deterministicResume", Boolean.class),
        doubleValue(plane, "nodeMtbfHours"),
        doubleValue(plane, "checkpointWriteGbPerSecond"));
    return new DataPlaneSource(type, input, training, locations, List.copyOf(errors));
  }

  /** Returns the {@code @Training} type a data plane feeds, or empty with an error. */
  private Optional<TypeElement> trainingOf(
      TypeElement type, AnnotationMirror plane, List<Finding> errors) throws Unresolved {
    TypeMirror named = typed(plane, "training", TypeMirror.class);
    if (named.getKind() == TypeKind.ERROR) {
      throw unresolved(plane, "training", Mirrors.value(elements, plane, "training"));
    }
    String here = type.getSimpleName().toString();
    if (named.getKind() == TypeKind.VOID) {
      if (Mirrors.find(type, Training.class).isPresent()) {
        return Optional.of(type);
      }
      errors.add(Diagnostic.NOT_A_TRAINING.at(Subject.of(DATA_PLANE, "training"),
          "@DataPlane on " + here + " feeds no training job: " + here + " has no @Training and"
              + " training is not set",
          "put @DataPlane on the @Training type, or name it with training = Job.class"));
      return Optional.empty();
    }
    Element element = named instanceof DeclaredType declared ? declared.asElement() : null;
    if (element instanceof TypeElement target && Mirrors.find(target, Training.class).isPresent()) {
      return Optional.of(target);
    }
    String shown = element == null ? named.toString() : element.getSimpleName().toString();
    errors.add(Diagnostic.NOT_A_TRAINING.at(Subject.of(DATA_PLANE, "training"),
        "training = " + shown + ".class is not a training job: the type has no @Training",
        "annotate " + shown + " with @Training, or name a type that has one"));
    return Optional.empty();
  }

  private ModelShape readModel(AnnotationMirror stage, Anchor anchor,
      Map<Anchor, Location> locations, List<Finding> errors) throws Unresolved {
    return readModel(stage, "model", anchor, MODEL, locations, errors);
  }

  /**
   * Returns the {@code @Model} that {@code member} of a stage's annotation names, recording its
   * location under {@code modelAnchor}; a type without {@code @Model} is an error on the member.
   */
  private ModelShape readModel(AnnotationMirror stage, String member, Anchor anchor,
      Anchor modelAnchor, Map<Anchor, Location> locations, List<Finding> errors)
      throws Unresolved {
    TypeMirror type = typed(stage, member, TypeMirror.class);
    if (type.getKind() == TypeKind.ERROR) {
      AnnotationValue value = Mirrors.value(elements, stage, member);
      throw unresolved(stage, member, value);
    }
    Element element = type instanceof DeclaredType declared ? declared.asElement() : null;
    Optional<AnnotationMirror> model = element == null
        ? Optional.empty()
        : Mirrors.find(element, Model.class);
    if (model.isEmpty()) {
      String shown = element == null ? type.toString() : element.getSimpleName().toString();
      errors.add(
          Diagnostic.NOT_A_MODEL.at(Subject.of(anchor, member), member, shown, shown));
      return unreadModel();
    }
    AnnotationMirror mirror = model.get();
    locations.put(modelAnchor, new Location(element, mirror, Optional.of(mirror)));
    KnownModel preset = enumValue(KnownModel.class, mirror, "preset", modelAnchor, errors)
        .orElse(KnownModel.NONE);
    ShapeReader shape = new ShapeReader(mirror, preset == KnownModel.NONE
        ? Optional.empty()
        : Optional.of(KnownModels.shape(preset)));
    String declaredName = stringValue(mirror, "name");
    ModelShape read = new ModelShape(
        declaredName.isEmpty() ? element.getSimpleName().toString() : declaredName,
        doubleValue(mirror, "parameters"),
        shape.required("layers", ModelShape::layers),
        shape.required("hiddenSize", ModelShape::hiddenSize),
        shape.required("attentionHeads", ModelShape::attentionHeads),
        shape.required("kvHeads", ModelShape::kvHeads),
        shape.optional("headDim", ModelShape::declaredHeadDim),
        shape.required("intermediateSize", ModelShape::intermediateSize),
        shape.required("vocabSize", ModelShape::vocabSize),
        shape.value("tiedEmbeddings", Boolean.class, ModelShape::tiedEmbeddings),
        shape.enumValue(Precision.BF16, "dtype", modelAnchor, errors, ModelShape::dtype),
        new Experts(
            shape.optional("experts", m -> m.experts().count()),
            shape.optional("activeExperts", m -> m.experts().active()),
            shape.optional("sharedExperts", m -> m.experts().shared()),
            shape.optional("expertIntermediateSize", m -> m.experts().declaredIntermediateSize()),
            shape.optional("denseLayers", m -> m.experts().denseLayers())),
        shape.enumValue(Attention.DERIVED, "attention", modelAnchor, errors,
            ModelShape::attention),
        new LatentAttention(
            shape.optional("kvLoraRank", m -> m.latent().kvLoraRank()),
            shape.optional("ropeHeadDim", m -> m.latent().ropeHeadDim()),
            shape.optional("qLoraRank", m -> m.latent().qLoraRank()),
            shape.optional("qkNopeHeadDim", m -> m.latent().declaredQkNopeHeadDim()),
            shape.optional("vHeadDim", m -> m.latent().declaredVHeadDim())),
        new SlidingWindow(
            shape.optional("slidingWindow", m -> m.window().tokens()),
            shape.optional("slidingWindowLayers", m -> m.window().layers())));
    for (String absent : shape.missing()) {
      errors.add(Diagnostic.MISSING_SHAPE.at(Subject.of(modelAnchor, absent),
          element.getSimpleName(), absent, absent, CONFIG_KEYS.get(absent)));
    }
    return read;
  }

  /** The {@code config.json} key of each required {@code @Model} member. */
  private static final Map<String, String> CONFIG_KEYS = Map.of(
      "layers", "num_hidden_layers",
      "hiddenSize", "hidden_size",
      "attentionHeads", "num_attention_heads",
      "kvHeads", "num_key_value_heads",
      "intermediateSize", "intermediate_size",
      "vocabSize", "vocab_size");

  /**
   * Reads the shape members of one {@code @Model}: a member written in the source wins, else the
   * preset's value, else the member's default; a required member that is neither written nor
   * given by a preset is recorded as missing.
   */
  private final class ShapeReader {
    private final AnnotationMirror mirror;
    private final Optional<ModelShape> preset;
    private final List<String> missing = new ArrayList<>();

    ShapeReader(AnnotationMirror mirror, Optional<ModelShape> preset) {
      this.mirror = mirror;
      this.preset = preset;
    }

    int required(String member, ToIntFunction<ModelShape> fromPreset) throws Unresolved {
      if (Mirrors.explicit(mirror, member).isEmpty() && preset.isEmpty()) {
        missing.add(member);
      }
      return optional(member, fromPreset);
    }

    int optional(String member, ToIntFunction<ModelShape> fromPreset) throws Unresolved {
      return Mirrors.explicit(mirror, member).isPresent() || preset.isEmpty()
          ? intValue(mirror, member)
          : fromPreset.applyAsInt(preset.get());
    }

    <T> T value(String member, Class<T> type, Function<ModelShape, T> fromPreset)
        throws Unresolved {
      return Mirrors.explicit(mirror, member).isPresent() || preset.isEmpty()
          ? typed(mirror, member, type)
          : fromPreset.apply(preset.get());
    }

    /** Reads an enum member as {@link #value} does; {@code fallback} for an unknown constant. */
    <E extends Enum<E>> E enumValue(E fallback, String member, Anchor anchor,
        List<Finding> errors, Function<ModelShape, E> fromPreset) throws Unresolved {
      if (Mirrors.explicit(mirror, member).isEmpty() && preset.isPresent()) {
        return fromPreset.apply(preset.get());
      }
      return DesignReader.this.enumValue(fallback.getDeclaringClass(), mirror, member, anchor,
          errors).orElse(fallback);
    }

    List<String> missing() {
      return missing;
    }
  }

  /** Returns the model an optional member names, or empty when it is left at void.class. */
  private Optional<ModelShape> optionalModel(AnnotationMirror stage, String member,
      Anchor modelAnchor, Map<Anchor, Location> locations, List<Finding> errors)
      throws Unresolved {
    TypeMirror type = typed(stage, member, TypeMirror.class);
    if (type.getKind() == TypeKind.VOID) {
      return Optional.empty();
    }
    return Optional.of(readModel(stage, member, RL_LOOP, modelAnchor, locations, errors));
  }

  /** Returns the RL loop read from {@code type}, which carries {@code @RlLoop}. */
  RlSource readRlLoop(TypeElement type) throws Unresolved {
    Map<Anchor, Location> locations = new EnumMap<>(Anchor.class);
    AnnotationMirror loop = begin(type, RlLoop.class, RL_LOOP, locations);
    List<Finding> errors = new ArrayList<>();

    ModelShape policy = readModel(loop, "policy", RL_LOOP, MODEL, locations, errors);
    ModelShape reference =
        optionalModel(loop, "reference", REFERENCE, locations, errors).orElse(policy);
    Optional<ModelShape> reward = optionalModel(loop, "reward", REWARD, locations, errors);
    ModelShape critic = optionalModel(loop, "critic", CRITIC, locations, errors).orElse(policy);
    RlInput input = new RlInput(
        type.getSimpleName().toString(),
        policy,
        reference,
        reward,
        critic,
        enumValue(RlAlgorithm.class, loop, "algorithm", RL_LOOP, errors)
            .orElse(RlAlgorithm.GRPO),
        intValue(loop, "promptsPerStep"),
        intValue(loop, "samplesPerPrompt"),
        intValue(loop, "promptTokens"),
        intValue(loop, "rolloutTokens"),
        intValue(loop, "maxRolloutTokens"),
        intValue(loop, "maxStaleness"),
        readPool(type, loop, "actors", ACTORS, ACTOR_PARALLELISM, locations, errors),
        readPool(type, loop, "learners", LEARNERS, LEARNER_PARALLELISM, locations, errors),
        doubleValue(loop, "learnerMfu"),
        enumValue(Recompute.class, loop, "learnerRecompute", RL_LOOP, errors)
            .orElse(Recompute.FULL),
        doubleValue(loop, "broadcastGbPerSecond"),
        doubleValue(loop, "broadcastEfficiency"));
    return new RlSource(type, input, locations, List.copyOf(errors));
  }

  /** Returns one {@code @Pool} nested in an {@code @RlLoop}, recording where it is written. */
  private PoolInput readPool(TypeElement type, AnnotationMirror loop, String member,
      Anchor anchor, Anchor parallelismAnchor, Map<Anchor, Location> locations,
      List<Finding> errors) throws Unresolved {
    AnnotationMirror pool = typed(loop, member, AnnotationMirror.class);
    locations.put(anchor, new Location(type, loop, Optional.of(pool)));
    AnnotationMirror parallelism = typed(pool, "parallelism", AnnotationMirror.class);
    locations.put(parallelismAnchor, new Location(type, loop,
        Mirrors.explicit(pool, "parallelism").map(value -> (AnnotationMirror) value.getValue())));
    Gpu gpu = enumValue(Gpu.class, pool, "gpu", anchor, errors).orElse(Gpu.H100_SXM);
    return new PoolInput(
        GpuCatalog.spec(gpu),
        intValue(pool, "gpus"),
        enumValue(Precision.class, pool, "precision", anchor, errors)
            .orElse(Precision.INHERIT),
        split(parallelism),
        enumValue(ZeroStage.class, parallelism, "zero", parallelismAnchor, errors)
            .orElse(ZeroStage.NONE),
        doubleValue(pool, "reservedGbPerGpu"));
  }

  private Traffic readTraffic(
      TypeElement fleetType, Map<Anchor, Location> locations, List<Finding> errors)
      throws Unresolved {
    Optional<Location> found = enclosing(fleetType, Workload.class);
    if (found.isEmpty()) {
      errors.add(missing(fleetType, "Workload"));
      return new Traffic(1, 1, 1);
    }
    locations.put(WORKLOAD, found.get());
    AnnotationMirror mirror = found.get().mirror();
    return new Traffic(
        doubleValue(mirror, "requestsPerSecond"),
        intValue(mirror, "promptTokens"),
        intValue(mirror, "outputTokens"),
        intValue(mirror, "callsPerTask"),
        typed(mirror, "offline", Boolean.class));
  }

  /**
   * Returns the {@code @Slo} a fleet promises. An offline fleet has none: {@link
   * LatencySlo#NONE}, and an {@code @Slo} that reaches it is an error on {@code offline}.
   */
  private LatencySlo readSlo(TypeElement fleetType, boolean offline,
      Map<Anchor, Location> locations, List<Finding> errors) throws Unresolved {
    Optional<Location> found = enclosing(fleetType, Slo.class);
    if (found.isEmpty()) {
      if (!offline) {
        errors.add(missing(fleetType, "Slo"));
      }
      return offline ? LatencySlo.NONE : new LatencySlo(1, 1);
    }
    locations.put(SLO, found.get());
    if (offline) {
      String name = fleetType.getSimpleName().toString();
      Element holder = found.get().element();
      errors.add(Diagnostic.OFFLINE_SLO.at(Subject.of(WORKLOAD, "offline"), name,
          holder.getSimpleName(), holder.equals(fleetType)
              ? "remove the @Slo from " + name + ", or set offline = false"
              : "put the @Slo on the online fleets of " + holder.getSimpleName()
                  + " rather than on it, or set offline = false"));
      return LatencySlo.NONE;
    }
    AnnotationMirror mirror = found.get().mirror();
    return new LatencySlo(doubleValue(mirror, "ttftMillis"), doubleValue(mirror, "tpotMillis"),
        doubleValue(mirror, "taskSeconds"));
  }

  /**
   * Returns the {@code @Parallelism} a stage uses: the one on its type, else the one nested in
   * its annotation (or that member's default), recording where it is written.
   */
  private AnnotationMirror parallelism(TypeElement type, AnnotationMirror stage, Anchor anchor,
      Map<Anchor, Location> locations, List<Finding> errors) throws Unresolved {
    Optional<AnnotationMirror> onType = Mirrors.find(type, Parallelism.class);
    Optional<AnnotationValue> nested = Mirrors.explicit(stage, "parallelism");
    if (onType.isPresent()) {
      if (nested.isPresent()) {
        errors.add(Diagnostic.PARALLELISM_TWICE.at(Subject.of(anchor, "parallelism")));
      }
      locations.put(PARALLELISM, new Location(type, onType.get(), onType));
      return onType.get();
    }
    locations.put(PARALLELISM, new Location(type, stage,
        nested.map(value -> (AnnotationMirror) value.getValue())));
    return typed(stage, "parallelism", AnnotationMirror.class);
  }

  private ReplicaSplit split(AnnotationMirror split) throws Unresolved {
    return new ReplicaSplit(
        intValue(split, "tensor"),
        intValue(split, "pipeline"),
        intValue(split, "expert"),
        intValue(split, "data"),
        intValue(split, "context"));
  }

  private Optional<BaselineChanges> readBaseline(
      TypeElement fleetType, Map<Anchor, Location> locations, List<Finding> errors)
      throws Unresolved {
    Optional<AnnotationMirror> found = Mirrors.find(fleetType, Baseline.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror mirror = found.get();
    locations.put(BASELINE, new Location(fleetType, mirror, found));
    int tensor = intValue(mirror, "tensor");
    int prompt = intValue(mirror, "promptTokens");
    int output = intValue(mirror, "outputTokens");
    double rate = doubleValue(mirror, "requestsPerSecond");
    AnnotationMirror nestedEstimate =
        (AnnotationMirror) Mirrors.value(elements, mirror, "estimate").getValue();
    locations.put(BASELINE_ESTIMATE, new Location(fleetType, mirror, Optional.of(nestedEstimate)));
    Optional<HandEstimate> estimate = estimate(nestedEstimate);
    return Optional.of(new BaselineChanges(
        stringValue(mirror, "name"),
        enumValue(Precision.class, mirror, "weights", BASELINE, errors).orElse(Precision.INHERIT),
        enumValue(Precision.class, mirror, "kvCache", BASELINE, errors).orElse(Precision.INHERIT),
        tensor,
        prompt,
        output,
        rate,
        typed(mirror, "prefillPool", Boolean.class),
        estimate));
  }

  /** Returns the estimate an {@code @Estimate} gives, or empty when its source is blank. */
  private Optional<HandEstimate> estimate(AnnotationMirror mirror) throws Unresolved {
    HandEstimate estimate = new HandEstimate(
        stringValue(mirror, "source"),
        longValue(mirror, "requestsPerReplica"),
        longValue(mirror, "replicas"),
        longValue(mirror, "gpusNeeded"));
    return estimate.source().isBlank() ? Optional.empty() : Optional.of(estimate);
  }

  /** Finds {@code annotation} on {@code type} or the nearest type enclosing it. */
  private static Optional<Location> enclosing(TypeElement type, Class<?> annotation) {
    for (Element scope = type; scope != null; scope = scope.getEnclosingElement()) {
      if (!scope.getKind().isClass() && !scope.getKind().isInterface()) {
        break;
      }
      Optional<AnnotationMirror> mirror = Mirrors.find(scope, annotation);
      if (mirror.isPresent()) {
        return Optional.of(new Location(scope, mirror.get(), mirror));
      }
    }
    return Optional.empty();
  }

  private static Finding missing(TypeElement fleetType, String annotation) {
    String name = fleetType.getSimpleName().toString();
    return Diagnostic.MISSING_REQUIREMENT.at(
        Subject.whole(FLEET), name, annotation, annotation, name);
  }

  private static ModelShape unreadModel() {
    return new ModelShape("(no model)", 0, 0, 0, 0, 0, 0, 0, 0, false, Precision.BF16);
  }

  private <E extends Enum<E>> Optional<E> enumValue(
      Class<E> type, AnnotationMirror mirror, String member, Anchor anchor, List<Finding> errors)
      throws Unresolved {
    Object value = Mirrors.value(elements, mirror, member).getValue();
    if (!(value instanceof VariableElement constant)
        || constant.getKind() != ElementKind.ENUM_CONSTANT) {
      throw unresolved(mirror, member, Mirrors.value(elements, mirror, member));
    }
    String name = constant.getSimpleName().toString();
    for (E candidate : type.getEnumConstants()) {
      if (candidate.name().equals(name)) {
        return Optional.of(candidate);
      }
    }
    errors.add(Diagnostic.INPUT_RANGE.at(Subject.of(anchor, member), member, name,
        "a " + type.getSimpleName() + " this Headroom version knows",
        "use headroom-annotations of the same version as the processor"));
    return Optional.empty();
  }

  private int intValue(AnnotationMirror mirror, String member) throws Unresolved {
    return typed(mirror, member, Number.class).intValue();
  }

  private long longValue(AnnotationMirror mirror, String member) throws Unresolved {
    return typed(mirror, member, Number.class).longValue();
  }

  private double doubleValue(AnnotationMirror mirror, String member) throws Unresolved {
    return typed(mirror, member, Number.class).doubleValue();
  }

  private String stringValue(AnnotationMirror mirror, String member) throws Unresolved {
    return typed(mirror, member, String.class);
  }

  /**
   * Returns a member's value as {@code type}. Anything else means javac could not attribute
   * the value and has reported that itself; the design waits, and is reported once at the end.
   */
  private <T> T typed(AnnotationMirror mirror, String member, Class<T> type) throws Unresolved {
    AnnotationValue value = Mirrors.value(elements, mirror, member);
    if (!type.isInstance(value.getValue())) {
      throw unresolved(mirror, member, value);
    }
    return type.cast(value.getValue());
  }

  /**
   * Returns the exception for a value javac could not attribute, located on the stage's own
   * annotation ({@code @Fleet}, {@code @Training} or {@code @DataPlane}): javac finds the value
   * there when it is written in it (nested ones included), and otherwise points at the
   * annotation itself.
   */
  private Unresolved unresolved(AnnotationMirror mirror, String member, AnnotationValue value) {
    String annotation = mirror.getAnnotationType().asElement().getSimpleName().toString();
    return new Unresolved("@" + annotation + "(" + member + " = " + value + ")",
        new Location(currentType, currentStage, Optional.of(currentStage)), value);
  }
}
