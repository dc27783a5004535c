/**
 * How the gateway picks a service instance for each request: a strategy per route (round
 * robin, random, weighted, least loaded, or the cache's key ring) over the instances that
 * pass their health checks and whose circuit is not open.
 */
package org.dsplatform.gateway.balance;
