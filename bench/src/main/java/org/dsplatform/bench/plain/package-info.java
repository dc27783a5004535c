/**
 * A plain Spring Cloud Gateway as a point of comparison for ours: the same framework with
 * one route and nothing else, run as a throw-away child JVM on loopback for the length of
 * a scenario.
 */
package org.dsplatform.bench.plain;
