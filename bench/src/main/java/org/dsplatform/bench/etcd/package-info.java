/**
 * etcd as a point of comparison: finding (or installing) its binary and running a
 * throw-away cluster of it on loopback for the length of a scenario.
 */
package org.dsplatform.bench.etcd;
