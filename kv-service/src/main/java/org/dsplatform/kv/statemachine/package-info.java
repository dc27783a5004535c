/**
 * The Raft state machine: applies the log to the store, answers queries, takes and loads
 * snapshots.
 */
package org.dsplatform.kv.statemachine;
