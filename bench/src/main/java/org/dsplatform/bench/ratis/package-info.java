/**
 * Ratis alone, in this process: the yardstick for what the Raft library costs on this
 * machine, under everything the kv-service adds.
 */
package org.dsplatform.bench.ratis;
