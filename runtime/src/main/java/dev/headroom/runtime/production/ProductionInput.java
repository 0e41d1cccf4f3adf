package dev.headroom.runtime.production;

import dev.headroom.runtime.report.StageInput;
import java.util.OptionalDouble;

/**
 * Everything a fleet's production figures are computed from, beside the fleet itself: the raw
 * values of its {@code @Production}, with the price resolved.
 *
 * @param name the stage name (the fleet type's simple name)
 * @param peakToMean peak over mean request rate across a day, between 1 and 2
 * @param spareReplicas whole replicas kept beyond peak for failures, a count
 * @param deployHeadroom the share of the fleet's replicas a deploy needs at once, from 0 to 1
 * @param dollarsPerGpuHour what one GPU costs, in dollars per GPU-hour: the one declared on
 *     {@code @Production}, else the platform's; 0 when neither declares one
 * @param priceFromPlatform whether the price is the platform's
 * @param autoscalingFloor the fewest serving replicas kept, as a fraction of the peak replicas
 * @param ttftP99Millis guardrail on the p99 time to first token, in milliseconds; 0 for none
 * @param maxRefusalRate guardrail on the share of requests refused; 0 for none
 * @param maxDollarsPerRequest guardrail on dollars per request; 0 for none
 */
public record ProductionInput(
    String name,
    double peakToMean,
    int spareReplicas,
    double deployHeadroom,
    double dollarsPerGpuHour,
    boolean priceFromPlatform,
    double autoscalingFloor,
    double ttftP99Millis,
    double maxRefusalRate,
    double maxDollarsPerRequest) implements StageInput {

  /**
   * Returns this input priced at the platform's price when it declares none of its own;
   * unchanged when it declares one or the design has no platform.
   */
  public ProductionInput pricedBy(OptionalDouble platformDollarsPerGpuHour) {
    if (dollarsPerGpuHour != 0 || platformDollarsPerGpuHour.isEmpty()) {
      return this;
    }
    return new ProductionInput(name, peakToMean, spareReplicas, deployHeadroom,
        platformDollarsPerGpuHour.getAsDouble(), true, autoscalingFloor, ttftP99Millis,
        maxRefusalRate, maxDollarsPerRequest);
  }
}
