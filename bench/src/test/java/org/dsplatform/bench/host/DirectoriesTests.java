package org.dsplatform.bench.host;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoriesTests {

	@TempDir
	Path temp;

	@Test
	void deletesADirectoryWithEverythingInItAndIgnoresOneThatIsGone() throws Exception {
		Path data = Files.createDirectories(this.temp.resolve("run/m1.etcd/member"));
		Files.writeString(data.resolve("db"), "data");

		Directories.deleteRecursively(this.temp.resolve("run"));
		Directories.deleteRecursively(this.temp.resolve("run"));

		assertThat(this.temp.resolve("run")).doesNotExist();
		assertThat(this.temp).exists();
	}

}
