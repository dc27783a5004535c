/**
 * The {@code bench} command line: one subcommand per scenario, each driving the platform
 * with the load generator and writing a report.
 */
package org.dsplatform.bench;
