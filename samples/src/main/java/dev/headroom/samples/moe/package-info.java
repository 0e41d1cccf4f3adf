/**
 * A mixture-of-experts reasoning model served with expert parallelism: DeepSeek-V3 from its
 * preset, on H200 nodes, with the total/active split and latent attention's KV saving in its
 * doc.
 */
package dev.headroom.samples.moe;
