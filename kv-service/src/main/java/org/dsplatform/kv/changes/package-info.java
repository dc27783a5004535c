/**
 * The change stream: every committed change published to Kafka by the leader, in order,
 * with no gap.
 */
package org.dsplatform.kv.changes;
