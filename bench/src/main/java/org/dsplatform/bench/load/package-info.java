/**
 * The load generator: closed-loop (fixed concurrency) and open-loop (fixed rate,
 * corrected for coordinated omission) HTTP load over Reactor Netty, with latencies in
 * HdrHistogram.
 */
package org.dsplatform.bench.load;
