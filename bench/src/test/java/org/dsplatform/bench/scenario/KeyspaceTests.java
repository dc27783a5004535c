package org.dsplatform.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyspaceTests {

	@Test
	void namesKeysWithTheirIndexZeroPaddedToSixDigits() {
		Keyspace keyspace = new Keyspace("bench/k", 10_000);

		assertThat(keyspace.key(0)).isEqualTo("bench/k000000");
		assertThat(keyspace.key(123)).isEqualTo("bench/k000123");
		assertThat(keyspace.key(9_999)).isEqualTo("bench/k009999");
		assertThat(keyspace).hasToString("10000 keys, bench/k000000 .. bench/k009999");
	}

	@Test
	void widensTheNumberSoThatEveryKeyHasTheSameLength() {
		Keyspace keyspace = new Keyspace("k", 12_345_678);

		assertThat(keyspace.key(7)).isEqualTo("k00000007");
		assertThat(keyspace.key(12_345_677)).isEqualTo("k12345677");
	}

	@Test
	void refusesAnIndexOutsideTheKeyspace() {
		Keyspace keyspace = new Keyspace("k", 10);

		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> keyspace.key(10));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> keyspace.key(-1));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Keyspace("k", 0));
	}

	@Test
	void drawsEveryKeyAndNothingElseAtRandom() {
		Keyspace keyspace = new Keyspace("bench/k", 20);
		Random random = new Random(42);
		Set<String> drawn = new HashSet<>();

		for (int i = 0; i < 2_000; i++) {
			drawn.add(keyspace.randomKey(random));
		}

		assertThat(drawn).hasSize(20).allMatch((key) -> key.matches("bench/k0000[01]\\d"));
	}

	@Test
	void makesValuesOfTheAskedSizeInPrintableAscii() {
		String value = KvCommand.value(1024, new Random(1));

		assertThat(value).hasSize(1024).matches("[A-Za-z0-9]+");
		assertThat(value.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
	}

}
