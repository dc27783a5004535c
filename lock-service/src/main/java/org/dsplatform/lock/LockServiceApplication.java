package org.dsplatform.lock;

import org.dsplatform.common.jvm.CommonPool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LockServiceApplication {

	private static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

	public static void main(String[] args) {
		CommonPool.atLeastTwoThreads();
		// Netty's leak detector records stack traces for a sample of Redisson's buffers,
		// a few percent of a lock node's CPU for a debugging aid; on when asked for.
		if (System.getProperty(LEAK_DETECTION_LEVEL) == null) {
			System.setProperty(LEAK_DETECTION_LEVEL, "disabled");
		}
		SpringApplication.run(LockServiceApplication.class, args);
	}

}
