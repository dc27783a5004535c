/**
 * nginx as a point of comparison for the gateway: finding (or installing) its binary and
 * running a throw-away reverse proxy of it on loopback for the length of a scenario.
 */
package org.dsplatform.bench.nginx;
