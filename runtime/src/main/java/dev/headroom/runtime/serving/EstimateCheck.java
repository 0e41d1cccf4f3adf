package dev.headroom.runtime.serving;

/**
 * A hand estimate set beside the exact figures of the fleet it was made for, sized both on the
 * GPU's nominal memory (the estimate's own method) and on the memory the GPU reports.
 *
 * @param estimate the figures estimated by hand
 * @param subject what the estimate was made for, e.g. {@code this fleet} or the baseline's name
 * @param nominal the exact figures on nominal memory
 * @param reported the exact figures on reported memory, as Headroom sizes
 */
public record EstimateCheck(
    HandEstimate estimate, String subject, FleetFigures nominal, FleetFigures reported) {}
