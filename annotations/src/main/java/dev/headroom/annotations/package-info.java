/**
 * The vocabulary of a Headroom design: annotations that describe an LLM platform's model,
 * workload, service levels and serving fleet, checked and sized by the Headroom processor while
 * {@code javac} compiles.
 *
 * <p>Units are in the attribute names ({@code Millis}, {@code Gb}, {@code Tokens}); GB means
 * 10<sup>9</sup> bytes throughout.
 */
package dev.headroom.annotations;
