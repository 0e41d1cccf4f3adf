package dev.headroom.runtime.training;

import dev.headroom.runtime.report.StageInput;

/**
 * Everything a training job's data plane is sized from: the raw values of its
 * {@code @DataPlane}.
 *
 * @param name the stage name (the simple name of the type carrying {@code @DataPlane})
 * @param bytesPerToken bytes one pre-tokenized token takes in storage
 * @param storageReadGbPerSecond storage read bandwidth the job can count on, in GB/s (10^9 B/s)
 * @param prefetchBatches batches each data-parallel rank reads ahead
 * @param deterministicResume whether a restart replays exactly the batches it would have read
 * @param nodeMtbfHours mean time between failures of one node, in hours
 * @param checkpointWriteGbPerSecond checkpoint write bandwidth the job can count on, in GB/s
 */
public record DataPlaneInput(
    String name,
    double bytesPerToken,
    double storageReadGbPerSecond,
    int prefetchBatches,
    boolean deterministicResume,
    double nodeMtbfHours,
    double checkpointWriteGbPerSecond) implements StageInput {}
