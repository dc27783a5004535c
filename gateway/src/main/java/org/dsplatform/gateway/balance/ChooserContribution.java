package org.dsplatform.gateway.balance;

/**
 * A strategy implemented outside this package (the cache's key ring), offered to every
 * service's load balancer as a bean of this type.
 *
 * @param strategy the strategy it implements
 * @param chooser the implementation, shared by every service that uses it
 */
public record ChooserContribution(Strategy strategy, InstanceChooser chooser) {
}
