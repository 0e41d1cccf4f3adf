/**
 * The method applied to five more workloads (issue #5), each a design of its own that binds on a
 * different constraint, named in its doc's summary: {@link CodeAssistant} on ttft, {@link
 * RetrievalAugmented} on its prefill pool, {@link AgenticPlatform} on task latency, {@link
 * LongContext} on KV capacity and {@link BatchInference} on throughput. The public model shapes
 * they serve are the {@code @Model} types beside them, each citing its {@code config.json}.
 */
package dev.headroom.samples.workloads;
