package org.dsplatform.gateway.balance;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Where the instances of one service come from when something knows them better than the
 * configured discovery (the cache nodes registered in the ring registry), offered to that
 * service's load balancer as a bean of this type. While it lists no instance, the
 * configured ones are used.
 *
 * @param serviceId the service it lists
 * @param instances the instances now; empty when it does not know
 */
public record InstanceSource(String serviceId, Supplier<List<ServiceInstance>> instances) {
}
