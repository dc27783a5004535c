package org.dsplatform.bench.nginx;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dsplatform.bench.host.StandInBin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NginxBinaryTests {

	@TempDir
	Path temp;

	@Test
	void findsTheBinaryOnThePath() throws Exception {
		StandInBin bin = StandInBin.in(this.temp);
		Path nginx = bin.script("nginx", "exit 0");

		NginxBinary.Lookup lookup = binary("/nonexistent" + File.pathSeparator + bin.searchPath(), false).find("nginx",
				log());

		assertThat(lookup.binary()).contains(nginx);
		assertThat(lookup.steps()).containsExactly("using " + nginx + " (found on the PATH)");
	}

	@Test
	void looksWhereDebianPutsItWhenItIsNotOnThePath() throws Exception {
		Path sbin = script(Files.createDirectories(this.temp.resolve("sbin")).resolve("nginx"), "exit 0");

		NginxBinary.Lookup lookup = new NginxBinary(this.temp.resolve("bin").toString(), false, sbin).find("nginx",
				log());

		assertThat(lookup.binary()).contains(sbin);
		assertThat(lookup.steps()).containsExactly("using " + sbin + " (not on the PATH)");
	}

	@Test
	void takesAPathAsItIsAndInstallsNothingInItsPlace() throws Exception {
		StandInBin bin = StandInBin.in(this.temp).withIdleAptGet();
		Path nginx = script(this.temp.resolve("my-nginx"), "exit 0");

		assertThat(binary(bin.searchPath(), true).find(nginx.toString(), log()).binary()).contains(nginx);

		NginxBinary.Lookup missing = binary(bin.searchPath(), true).find("/nonexistent/nginx", log());
		assertThat(missing.binary()).isEmpty();
		assertThat(missing.steps())
			.containsExactly("/nonexistent/nginx is not an executable file; not installing nginx in its place");
		assertThat(bin.aptGetRan()).isFalse();
	}

	@Test
	void installsOnlyAsRoot() throws Exception {
		StandInBin bin = StandInBin.in(this.temp).withIdleAptGet();

		NginxBinary.Lookup lookup = binary(bin.searchPath(), false).find("nginx", log());

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).containsExactly("no 'nginx' on the PATH or at " + this.temp.resolve("sbin/nginx")
				+ "; not installing it (installing needs root)");
		assertThat(bin.aptGetRan()).isFalse();
	}

	@Test
	void saysSoWhenThereIsNoAptGet() throws Exception {
		NginxBinary.Lookup lookup = binary(this.temp.toString(), true).find("nginx", log());

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).singleElement().asString().endsWith("; not installing it (there is no apt-get)");
	}

	@Test
	void installsDebiansNginxWithAptGetAndFindsWhatItInstalled() throws Exception {
		StandInBin bin = StandInBin.in(this.temp);
		Path sbin = this.temp.resolve("sbin/nginx");
		// A stand-in apt-get that "installs" nginx where Debian's package puts it.
		bin.script("apt-get", "echo \"apt-get $*\"; [ \"$1 $2 $3\" = 'install -y nginx' ] || exit 9; mkdir -p "
				+ sbin.getParent() + "; printf '#!/bin/sh\\nexit 0\\n' > " + sbin + "; chmod +x " + sbin);

		NginxBinary.Lookup lookup = binary(bin.searchPath(), true).find("nginx", log());

		assertThat(lookup.binary()).contains(sbin);
		assertThat(lookup.steps()).containsExactly(
				"no 'nginx' on the PATH or at " + sbin + "; installing nginx with apt-get (output in " + log() + ")",
				"installed " + sbin + " with apt-get install -y nginx");
		assertThat(log()).content().contains("apt-get install -y nginx");
	}

	@Test
	void saysInOneSentenceWhyWhenTheInstallFailsAfterUpdatingThePackageLists() throws Exception {
		StandInBin bin = StandInBin.in(this.temp);
		bin.script("apt-get", "echo \"apt-get $*\"; [ \"$1\" = update ] && exit 0; "
				+ "echo 'E: Unable to locate package nginx'; exit 100");

		NginxBinary.Lookup lookup = binary(bin.searchPath(), true).find("nginx", log());

		assertThat(lookup.binary()).isEmpty();
		assertThat(lookup.steps()).hasSize(3)
			.element(2)
			.isEqualTo("apt-get install -y nginx failed with exit code 100: E: Unable to locate package nginx "
					+ "(output in " + log() + ")");
		assertThat(log()).content()
			.containsSubsequence("apt-get install -y nginx", "apt-get update", "apt-get install -y nginx");
	}

	@Test
	void reportsTheVersionTheBinaryGives() throws Exception {
		// nginx -v prints on its error stream.
		Path nginx = script(this.temp.resolve("nginx"), "echo 'nginx version: nginx/1.22.1' >&2");

		assertThat(NginxBinary.version(nginx)).isEqualTo("nginx/1.22.1");
	}

	private NginxBinary binary(String path, boolean root) {
		return new NginxBinary(path, root, this.temp.resolve("sbin/nginx"));
	}

	private Path log() {
		return this.temp.resolve("logs/nginx-apt-get.log");
	}

	static Path script(Path file, String body) throws IOException {
		return StandInBin.script(file, body);
	}

}
