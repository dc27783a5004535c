package org.dsplatform.lock;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers of the lock service flow one way: api -> lease -> fencing. The HTTP layer
 * knows no Redis; the lease layer knows no HTTP, Spring or Kafka; events and fencing know
 * nothing of leases or HTTP.
 */
class ArchitectureTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.dsplatform.lock");

	@Test
	void keepsRedisOutOfTheHttpLayer() {
		noClasses().that()
			.resideInAPackage("..lock.api..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.redisson..", "org.springframework.kafka..", "..lock.events..")
			.check(classes);
	}

	@Test
	void keepsHttpSpringAndKafkaOutOfTheLeases() {
		noClasses().that()
			.resideInAPackage("..lock.lease..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..lock.api..", "..lock.events..", "org.springframework..", "org.apache.kafka..",
					"jakarta.servlet..")
			.check(classes);
	}

	@Test
	void keepsFencingAndEventsIndependentOfLeasesAndHttp() {
		noClasses().that()
			.resideInAnyPackage("..lock.fencing..", "..lock.events..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..lock.api..", "..lock.lease..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("..lock.fencing..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.redisson..", "org.springframework..")
			.check(classes);
	}

}
