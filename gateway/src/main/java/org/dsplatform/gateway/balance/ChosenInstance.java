package org.dsplatform.gateway.balance;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;

/**
 * The load balancer's answer, carrying the call claimed on the instance so that the
 * outcome of the request can be recorded against it.
 */
final class ChosenInstance extends DefaultResponse {

	private final InstanceHealth.Call call;

	ChosenInstance(ServiceInstance instance, InstanceHealth.Call call) {
		super(instance);
		this.call = call;
	}

	InstanceHealth.Call call() {
		return this.call;
	}

}
