#!/usr/bin/env bash
# JMH benchmarks of the sizing engine (issue #6, "Speed"): builds bench/target's runnable jar
# and runs the full lever search (Ladder.plan) and one plain evaluation (FleetSizing.figures)
# of the capstone's naive fleet, in average time per call, in microseconds.
# Targets on a 2-core machine: under 20 ms (20,000 µs) for the search, under 20 µs for one
# evaluation. Extra arguments go to JMH, e.g. `bench/jmh.sh -prof gc` or a benchmark regexp.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q package -pl bench -am -DskipTests
java -jar bench/target/headroom-benchmarks.jar -f 1 -wi 3 -i 5 "$@"
