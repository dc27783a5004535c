/**
 * The kv node's place in the Raft group: its Ratis server and client, linearizable and
 * stale reads, membership and leadership operations.
 */
package org.dsplatform.kv.raft;
