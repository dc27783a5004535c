/**
 * The benchmark scenarios, one picocli subcommand each; they plan runs of the load
 * generator and hand the results to the report.
 */
package org.dsplatform.bench.scenario;
