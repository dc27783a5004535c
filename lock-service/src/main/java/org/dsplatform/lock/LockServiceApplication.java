package org.dsplatform.lock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LockServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(LockServiceApplication.class, args);
	}

}
