#!/usr/bin/env bash
# Scale benchmark: compiles 100, 500 and 2,000 generated designs with and without the Headroom
# processor, in one JVM, and prints the processor's marginal time per design and extra heap.
# Targets (issue #7): under 10 ms per design at 500, flat from 100 to 2,000, under 256 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q package -DskipTests
H=processor/target
CP=annotations/target/headroom-annotations-0.1.0-SNAPSHOT.jar
CP=$CP:runtime/target/headroom-runtime-0.1.0-SNAPSHOT.jar
CP=$CP:$H/headroom-processor-0.1.0-SNAPSHOT.jar:$H/lib/javapoet-0.23.0.jar

if [ $# -eq 0 ]; then
  set -- 100 500 2000
fi
java -Xms1g -Xmx1g -XX:+UseSerialGC -cp "$CP" bench/ScaleBench.java "$@"
