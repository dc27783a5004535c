package org.dsplatform.kv;

import org.dsplatform.common.jvm.CommonPool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KvServiceApplication {

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		SpringApplication.run(KvServiceApplication.class, args);
	}

}
