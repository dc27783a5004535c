package org.dsplatform.gateway.balance;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances of one service known beyond the configured discovery (the cache nodes
 * registered in the ring registry), offered to that service's load balancer as a bean of
 * this type: they come first, and replace configured instances of the same node id.
 *
 * @param serviceId the service it lists
 * @param instances the instances now
 */
public record InstanceSource(String serviceId, Supplier<List<ServiceInstance>> instances) {
}
