package org.dsplatform.bench.etcd;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dsplatform.bench.host.StandInBin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EtcdBinaryTests {

	@TempDir
	Path temp;

	@Test
	void findsTheBinaryOnThePath() throws Exception {
		StandInBin bin = StandInBin.in(this.temp);
		Path etcd = bin.script("etcd", "exit 0");

		EtcdBinary.Lookup lookup = new EtcdBinary("/nonexistent" + File.pathSeparator + bin.searchPath(), false)
			.find("etcd", EtcdBinary.Install.NEVER, this.temp.resolve("logs"));

		assertThat(lookup.binary()).contains(etcd);
		assertThat(lookup.steps()).containsExactly("using " + etcd + " (found on the PATH)");
	}

	@Test
	void takesAPathAsItIs() throws Exception {
		Path etcd = script(this.temp.resolve("my-etcd"), "exit 0");

		EtcdBinary.Lookup lookup = new EtcdBinary("", false).find(etcd.toString(), EtcdBinary.Install.NEVER, this.temp);

		assertThat(lookup.binary()).contains(etcd);
	}

	@Test
	void doesNotInstallWhenToldNotTo() throws Exception {
		StandInBin bin = StandInBin.in(this.temp).withIdleAptGet();

		EtcdBinary.Lookup lookup = new EtcdBinary(bin.searchPath(), true).find("etcd", EtcdBinary.Install.NEVER,
				this.temp.resolve("logs"));

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).containsExactly("no 'etcd' on the PATH; not installing it (--no-install-etcd)");
		assertThat(bin.aptGetRan()).isFalse();
	}

	@Test
	void installsOnlyAsRootUnlessAsked() throws Exception {
		StandInBin bin = StandInBin.in(this.temp).withIdleAptGet();

		EtcdBinary.Lookup lookup = new EtcdBinary(bin.searchPath(), false).find("etcd", EtcdBinary.Install.IF_ROOT,
				this.temp.resolve("logs"));

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).singleElement().asString().contains("pass --install-etcd");
		assertThat(bin.aptGetRan()).isFalse();
	}

	@Test
	void saysSoWhenThereIsNoAptGet() throws Exception {
		EtcdBinary.Lookup lookup = new EtcdBinary(this.temp.toString(), true).find("etcd", EtcdBinary.Install.ALWAYS,
				this.temp.resolve("logs"));

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).containsExactly("no 'etcd' on the PATH; not installing it (there is no apt-get)");
	}

	@Test
	void installsEtcdServerWithAptGetAndFindsWhatItInstalled() throws Exception {
		StandInBin bin = StandInBin.in(this.temp);
		Path etcd = bin.directory().resolve("etcd");
		// A stand-in apt-get that "installs" etcd into the same directory.
		bin.script("apt-get", "echo \"apt-get $*\"; [ \"$1 $2 $3\" = 'install -y etcd-server' ] || exit 9; "
				+ "printf '#!/bin/sh\\nexit 0\\n' > " + etcd + "; chmod +x " + etcd);

		EtcdBinary.Lookup lookup = new EtcdBinary(bin.searchPath(), true).find("etcd", EtcdBinary.Install.IF_ROOT,
				this.temp.resolve("logs"));

		assertThat(lookup.binary()).contains(etcd);
		assertThat(lookup.steps()).containsExactly(
				"no 'etcd' on the PATH; installing etcd-server with apt-get (output in "
						+ this.temp.resolve("logs/apt-get.log") + ")",
				"installed " + etcd + " with apt-get install -y etcd-server");
		assertThat(this.temp.resolve("logs/apt-get.log")).content().contains("apt-get install -y etcd-server");
	}

	@Test
	void updatesThePackageListsOnceWhenTheInstallFails() throws Exception {
		StandInBin bin = StandInBin.in(this.temp);
		bin.script("apt-get", "echo \"apt-get $*\"; [ \"$1\" = update ] && exit 0; "
				+ "echo 'E: Unable to locate package etcd-server'; exit 100");

		EtcdBinary.Lookup lookup = new EtcdBinary(bin.searchPath(), false).find("etcd", EtcdBinary.Install.ALWAYS,
				this.temp.resolve("logs"));

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).hasSize(3)
			.element(2)
			.isEqualTo("apt-get install -y etcd-server failed with exit code 100: "
					+ "E: Unable to locate package etcd-server");
		assertThat(this.temp.resolve("logs/apt-get.log")).content()
			.containsSubsequence("apt-get install -y etcd-server", "apt-get update", "apt-get install -y etcd-server");
	}

	@Test
	void reportsTheVersionTheBinaryGivesAsOneLine() throws Exception {
		Path etcd = script(this.temp.resolve("etcd"),
				"echo 'etcd Version: 3.4.23'; echo 'Git SHA: Not provided'; echo; echo 'Go Version: go1.19.8'");

		assertThat(EtcdBinary.version(etcd))
			.isEqualTo("etcd Version: 3.4.23, Git SHA: Not provided, Go Version: go1.19.8");
	}

	static Path script(Path file, String body) throws IOException {
		return StandInBin.script(file, body);
	}

}
