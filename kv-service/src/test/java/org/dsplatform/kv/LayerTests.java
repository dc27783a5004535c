package org.dsplatform.kv;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers flow one way, api -> raft -> statemachine -> storage, as in etcd: the HTTP
 * layer never touches Ratis, and the store knows nothing of Raft, Spring or HTTP.
 */
class LayerTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.dsplatform.kv");

	@Test
	void keepsRatisOutOfTheHttpLayer() {
		noClasses().that()
			.resideInAPackage("..kv.api..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.ratis..")
			.check(this.classes);
	}

	@Test
	void keepsTheStoreFreeOfRaftSpringAndHttp() {
		noClasses().that()
			.resideInAPackage("..kv.storage..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.ratis..", "org.springframework..", "..kv.api..", "..kv.raft..",
					"..kv.statemachine..")
			.check(this.classes);
	}

	@Test
	void keepsTheStateMachineBelowRaftAndHttp() {
		noClasses().that()
			.resideInAPackage("..kv.statemachine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "..kv.api..", "..kv.raft..")
			.check(this.classes);
	}

	@Test
	void keepsTheRaftLayerFreeOfHttp() {
		noClasses().that()
			.resideInAPackage("..kv.raft..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "..kv.api..")
			.check(this.classes);
	}

}
