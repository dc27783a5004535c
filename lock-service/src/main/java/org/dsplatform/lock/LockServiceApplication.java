package org.dsplatform.lock;

import org.dsplatform.common.jvm.CommonPool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LockServiceApplication {

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		SpringApplication.run(LockServiceApplication.class, args);
	}

}
