package org.dsplatform.gateway;

import org.dsplatform.common.jvm.CommonPool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GatewayApplication {

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		SpringApplication.run(GatewayApplication.class, args);
	}

}
