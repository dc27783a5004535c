package org.dsplatform.gateway.balance;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;

/**
 * One way of picking an instance. Implementations are thread-safe: one chooser serves
 * every request of its service.
 */
@FunctionalInterface
public interface InstanceChooser {

	/**
	 * Picks one of the candidates.
	 * @param candidates the instances that may take the request, never empty
	 * @param request the request being balanced, for choosers that look at it
	 * @return one of the candidates
	 */
	ServiceInstance choose(List<ServiceInstance> candidates, Request<?> request);

}
