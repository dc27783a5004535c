package org.dsplatform.cache;

import org.dsplatform.common.jvm.CommonPool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CacheServiceApplication {

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		SpringApplication.run(CacheServiceApplication.class, args);
	}

}
