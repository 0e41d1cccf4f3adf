package dev.headroom.runtime.report;

import dev.headroom.runtime.platform.PlatformAnalysis;
import dev.headroom.runtime.production.ProductionAnalysis;
import dev.headroom.runtime.production.ProductionInput;
import dev.headroom.runtime.serving.FleetAnalysis;
import dev.headroom.runtime.serving.Ladder;
import dev.headroom.runtime.training.DataPlaneAnalysis;
import dev.headroom.runtime.training.TrainingAnalysis;
import dev.headroom.runtime.units.Units;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a design's JSON report, schema {@code headroom/1}: keys in a fixed order, integers for
 * counts and bytes, doubles rounded to 12 significant digits, two-space indentation, so the same
 * design always gives the same bytes.
 */
public final class JsonReport {
  /** The schema id written at the top of every report. */
  public static final String SCHEMA = "headroom/1";

  private final StringBuilder out = new StringBuilder();
  private int depth;

  private JsonReport() {}

  /** Returns the JSON report of {@code design}, ending with a newline. */
  public static String render(DesignAnalysis design) {
    JsonReport json = new JsonReport();
    json.design(design);
    return json.out.append('\n').toString();
  }

  private void design(DesignAnalysis design) {
    open('{');
    field("schema").string(SCHEMA).comma();
    field("design").string(design.qualifiedName()).comma();
    field("verdict").string(design.verdict().jsonName()).comma();
    field("binding").string(design.binding().id()).comma();
    field("summary").string(design.summary()).comma();
    field("findings");
    array(design.findings(), this::finding);
    comma();
    field("stages");
    array(design.stages(), this::stage);
    close('}', true);
  }

  /** Writes the fields every stage has, then those of its kind. */
  private void stage(StageAnalysis stage) {
    field("name").string(stage.name()).comma();
    field("kind").string(stage.kind().id()).comma();
    field("verdict").string(stage.verdict().jsonName()).comma();
    field("binding").string(stage.binding().id()).comma();
    if (stage instanceof FleetAnalysis fleet) {
      fleet.figures().ifPresent(figures -> {
        field("feasible").literal(Boolean.toString(figures.feasible()));
        comma();
      });
    }
    if (stage instanceof DataPlaneAnalysis plane) {
      field("training").string(plane.training()).comma();
    }
    field("figures");
    figures(stage.figuresByName());
    comma();
    field("findings");
    array(stage.findings(), this::finding);
    if (stage instanceof FleetAnalysis fleet) {
      comma();
      field("gates");
      array(fleet.gates(), gate -> {
        field("suite").string(gate.suite()).comma();
        field("metric").string(gate.metric()).comma();
        field("threshold").number(gate.threshold()).comma();
        field("atMost").literal(Boolean.toString(gate.atMost()));
      });
      comma();
      fleetLevers(fleet);
      fleet.plan().ifPresent(this::plan);
    } else if (stage instanceof ProductionAnalysis production) {
      ProductionInput input = production.input();
      comma();
      field("inputs");
      open('{');
      field("peakToMean").number(input.peakToMean()).comma();
      field("autoscalingFloor").number(input.autoscalingFloor()).comma();
      field("deployHeadroom").number(input.deployHeadroom()).comma();
      field("ttftP99Millis").number(input.ttftP99Millis()).comma();
      field("maxRefusalRate").number(input.maxRefusalRate()).comma();
      field("maxDollarsPerRequest").number(input.maxDollarsPerRequest());
      close('}', true);
    } else if (stage instanceof PlatformAnalysis platform) {
      comma();
      field("takes");
      array(platform.takes(), take -> {
        field("stage").string(take.stage()).comma();
        field("kind").string(take.kind().id()).comma();
        field("part").string(take.part()).comma();
        field("gpu").string(take.gpu().name()).comma();
        field("gpus").number(take.gpus()).comma();
        field("sized").literal(Boolean.toString(take.sized()));
        comma();
        field("basis").string(take.basis());
      });
    } else if (stage instanceof TrainingAnalysis job) {
      comma();
      field("levers");
      open('[');
      for (int i = 0; i < job.levers().size(); i++) {
        newline();
        string(job.levers().get(i));
        if (i < job.levers().size() - 1) {
          comma();
        }
      }
      close(']', !job.levers().isEmpty());
    }
  }

  private void fleetLevers(FleetAnalysis fleet) {
    field("levers");
    array(fleet.levers(), lever -> {
      field("change").string(lever.change()).comma();
      field("gpusNeeded").number(lever.figures().gpusNeeded()).comma();
      field("closesGap").literal(Boolean.toString(lever.closesGap()));
    });
    comma();
    field("walk");
    array(fleet.walk(), step -> {
      field("change").string(step.change());
      step.figures().ifPresent(figures -> {
        comma();
        field("requestsPerReplica").number(figures.requestsPerReplica()).comma();
        field("replicas").number(figures.replicas()).comma();
        field("gpusNeeded").number(figures.gpusNeeded());
      });
    });
  }

  /** Writes a fleet's ladder, smallest fitting set and break-even figures. */
  private void plan(Ladder.Plan plan) {
    comma();
    field("ladder");
    array(plan.rungs(), rung -> {
      field("change").string(rung.change()).comma();
      field("changesQuality").literal(Boolean.toString(rung.changesQuality()));
      comma();
      field("requestsPerReplica").number(rung.figures().requestsPerReplica()).comma();
      field("gpusNeeded").number(rung.figures().gpusNeeded());
    });
    comma();
    field("smallestSet");
    open('[');
    for (int i = 0; i < plan.smallestSet().size(); i++) {
      newline();
      string(plan.smallestSet().get(i));
      if (i < plan.smallestSet().size() - 1) {
        comma();
      }
    }
    close(']', !plan.smallestSet().isEmpty());
    comma();
    field("otherGpus");
    array(plan.otherGpus(), other -> {
      field("gpu").string(other.gpu().gpu().name()).comma();
      field("requestsPerReplica").number(other.figures().requestsPerReplica()).comma();
      field("gpusNeeded").number(other.figures().gpusNeeded());
    });
    comma();
    field("breakEven");
    open('{');
    field("maxRequestsPerSecond").number(plan.breakEven().maxRequestsPerSecond()).comma();
    field("maxOutputTokens").number(plan.breakEven().maxOutputTokens()).comma();
    field("fewestGpus").number(plan.breakEven().fewestGpus());
    close('}', true);
  }

  private void finding(Finding finding) {
    field("id").string(finding.id()).comma();
    field("severity").string(finding.severity().jsonName()).comma();
    field("message").string(finding.message());
  }

  /** Writes {@code items} as an array of objects, each written by {@code fields}. */
  private <T> void array(List<T> items, Consumer<T> fields) {
    open('[');
    for (int i = 0; i < items.size(); i++) {
      newline();
      open('{');
      fields.accept(items.get(i));
      close('}', true);
      if (i < items.size() - 1) {
        out.append(',');
      }
    }
    close(']', !items.isEmpty());
  }

  private void figures(Map<String, ?> figures) {
    open('{');
    int i = 0;
    for (Map.Entry<String, ?> figure : figures.entrySet()) {
      newline();
      out.append('"').append(figure.getKey()).append("\": ");
      if (figure.getValue() instanceof Number number) {
        number(number);
      } else {
        string(String.valueOf(figure.getValue()));
      }
      if (++i < figures.size()) {
        out.append(',');
      }
    }
    close('}', !figures.isEmpty());
  }

  private JsonReport field(String name) {
    newline();
    out.append('"').append(name).append("\": ");
    return this;
  }

  private JsonReport string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    return this;
  }

  private JsonReport number(Number value) {
    if (value instanceof Double || value instanceof Float) {
      out.append(Units.json(value.doubleValue()));
    } else {
      out.append(value.longValue());
    }
    return this;
  }

  private void literal(String value) {
    out.append(value);
  }

  private void comma() {
    out.append(',');
  }

  private void open(char bracket) {
    out.append(bracket);
    depth++;
  }

  private void close(char bracket, boolean onNewLine) {
    depth--;
    if (onNewLine) {
      newline();
    }
    out.append(bracket);
  }

  private void newline() {
    out.append('\n').append("  ".repeat(depth));
  }
}
