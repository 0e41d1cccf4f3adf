/**
 * The capstone reasoning platform of {@code CAPSTONE.md}, as Headroom designs: the shared model,
 * and the revised serving fleet that fits its budget. The naive fleet it revises lives in {@code
 * src/naive/java} and compiles only with {@code -Pnaive}, because it breaks the build.
 */
package dev.headroom.samples.capstone;
