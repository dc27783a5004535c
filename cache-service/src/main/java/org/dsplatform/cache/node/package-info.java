/**
 * A cache node's behaviour: local serving, read-through, replication, handoff, calls to
 * peers.
 */
package org.dsplatform.cache.node;
