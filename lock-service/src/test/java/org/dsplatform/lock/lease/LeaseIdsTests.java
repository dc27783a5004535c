package org.dsplatform.lock.lease;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseIdsTests {

	@Test
	void makesUrlSafeIdsOf128RandomBits() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = LeaseIds.next();
			assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
			assertThat(LeaseIds.isWellFormed(id)).isTrue();
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void rejectsTextThatCannotBeALeaseId() {
		assertThat(LeaseIds.isWellFormed(null)).isFalse();
		assertThat(LeaseIds.isWellFormed("")).isFalse();
		assertThat(LeaseIds.isWellFormed("short")).isFalse();
		assertThat(LeaseIds.isWellFormed("AAAAAAAAAAAAAAAAAAAAA/")).isFalse();
		assertThat(LeaseIds.isWellFormed("AAAAAAAAAAAAAAAAAAAAAB")).as("bits beyond 128").isFalse();
		assertThat(LeaseIds.isWellFormed("AAAAAAAAAAAAAAAAAAAAAAA")).isFalse();
		assertThat(LeaseIds.isWellFormed("#w")).isFalse();
	}

}
