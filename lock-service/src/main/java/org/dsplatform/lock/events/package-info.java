/**
 * Lock events on Kafka: every grant, release and expiry, relayed from the outbox the lock
 * scripts write in Redis.
 * <h2>What an event guarantees</h2>
 * <ul>
 * <li><b>Recorded with the change.</b> The script that grants, releases or reaps a lease
 * appends the event to a Redis stream in the same atomic step, so there is an event for
 * every change Redis recorded and none for a change it did not.</li>
 * <li><b>At least once, possibly late, not in order.</b> A relay on every node moves the
 * outbox to Kafka topic {@code lock.events} and deletes an entry only after Kafka
 * acknowledged it; entries a node failed to deliver, or left behind when it died, are
 * claimed by a relay again later. A Kafka outage therefore only delays events (it is
 * logged and counted in {@code locks.events.failed}). Duplicates and reordering are
 * possible: deduplicate by {@code (type, name, fencingToken)} and order a name's events
 * by {@code fencingToken}.</li>
 * <li><b>Expiries are noticed, not scheduled.</b> EXPIRED is recorded when a script first
 * finds a lease past its time: the next request on that lock or the periodic sweep (about
 * once a second), so {@code at} may be later than the lease's end. If no node runs for
 * longer than the key grace period, the expiry is not reported at all.</li>
 * <li><b>Bounded.</b> The outbox keeps about {@code locks.events.outbox-max-length}
 * entries; in a longer outage the oldest are dropped. A Redis restart without persistence
 * loses the undelivered ones.</li>
 * <li>Events never carry the lease id: anyone who can read the topic could otherwise
 * release the lease.</li>
 * </ul>
 */
package org.dsplatform.lock.events;
