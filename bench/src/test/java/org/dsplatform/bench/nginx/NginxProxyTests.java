package org.dsplatform.bench.nginx;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NginxProxyTests {

	private static final List<URI> INSTANCES = List.of(URI.create("http://127.0.0.1:8201"),
			URI.create("http://127.0.0.1:8202"), URI.create("http://localhost:8203/ignored/path"));

	private static final NginxProxy.Settings SETTINGS = new NginxProxy.Settings(2, 1024, 32, Duration.ofSeconds(10));

	@TempDir
	Path temp;

	@Test
	void proxiesToEveryInstanceRoundRobinOverKeptAliveConnections() {
		String config = NginxProxy.config(Path.of("/tmp/nginx-1"), 41234, INSTANCES, SETTINGS,
				new NginxVersion(1, 22, 1));

		assertThat(config)
			.containsSubsequence("upstream instances {", "server 127.0.0.1:8201;", "server 127.0.0.1:8202;",
					"server localhost:8203;", "keepalive 32;", "keepalive_requests 1000000;", "keepalive_timeout 60s;",
					"}")
			.containsSubsequence("server {", "listen 127.0.0.1:41234 reuseport;", "location / {",
					"proxy_pass http://instances;", "proxy_http_version 1.1;", "proxy_set_header Connection \"\";")
			.doesNotContain("least_conn", "ip_hash", "hash ");
	}

	@Test
	void runsInTheForegroundWithEverythingItWritesInItsOwnDirectory() {
		String config = NginxProxy.config(Path.of("/tmp/nginx-1"), 41234, INSTANCES, SETTINGS,
				new NginxVersion(1, 22, 1));

		assertThat(config.lines().map(String::strip)).contains("daemon off;", "worker_processes 2;",
				"pid /tmp/nginx-1/nginx.pid;", "error_log /tmp/nginx-1/error.log warn;", "worker_connections 1024;",
				"access_log off;", "client_body_temp_path /tmp/nginx-1/client_body_temp;",
				"proxy_temp_path /tmp/nginx-1/proxy_temp;", "fastcgi_temp_path /tmp/nginx-1/fastcgi_temp;",
				"uwsgi_temp_path /tmp/nginx-1/uwsgi_temp;", "scgi_temp_path /tmp/nginx-1/scgi_temp;",
				"keepalive_requests 1000000;");
		assertThat(config).doesNotContain("/etc/nginx", "/var/log", "/run/", "include ");
	}

	@Test
	void leavesOutWhatAnOlderNginxDoesNotKnow() {
		NginxVersion old = new NginxVersion(1, 14, 2);

		String config = NginxProxy.config(Path.of("/tmp/nginx-1"), 41234, INSTANCES, SETTINGS, old);

		assertThat(config.substring(config.indexOf("upstream"), config.indexOf("server {"))).contains("keepalive 32;")
			.doesNotContain("keepalive_requests", "keepalive_timeout");
		assertThat(NginxProxy.command(Path.of("/usr/sbin/nginx"), Path.of("/tmp/nginx-1"), old))
			.containsExactly("/usr/sbin/nginx", "-p", "/tmp/nginx-1/", "-c", "/tmp/nginx-1/nginx.conf");
		assertThat(NginxProxy.command(Path.of("/usr/sbin/nginx"), Path.of("/tmp/nginx-1"), new NginxVersion(1, 22, 1)))
			.containsExactly("/usr/sbin/nginx", "-p", "/tmp/nginx-1/", "-c", "/tmp/nginx-1/nginx.conf", "-e",
					"/tmp/nginx-1/error.log");
	}

	@Test
	void takesOnlyPlainHttpInstances() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NginxProxy.config(Path.of("/tmp/nginx-1"), 41234,
					List.of(URI.create("https://127.0.0.1:8443")), SETTINGS, NginxVersion.ASSUMED))
			.withMessageContaining("https://127.0.0.1:8443");
		assertThatIllegalArgumentException().isThrownBy(
				() -> NginxProxy.config(Path.of("/tmp/nginx-1"), 41234, List.of(), SETTINGS, NginxVersion.ASSUMED));
	}

	@Test
	void keepsAnIdleConnectionPerRequestInFlightAndAWorkerPerCore() {
		NginxProxy.Settings settings = NginxProxy.Settings.forConcurrency(64);

		assertThat(settings.upstreamKeepalive()).isEqualTo(64);
		assertThat(settings.workerProcesses()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(settings.workerConnections()).isGreaterThanOrEqualTo(4 * 64);
	}

	@Test
	void readsTheVersionNginxPrints() {
		assertThat(NginxVersion.parse("nginx version: nginx/1.22.1")).contains(new NginxVersion(1, 22, 1));
		assertThat(NginxVersion.parse("unknown (no such file)")).isEmpty();
		assertThat(new NginxVersion(1, 19, 5).takesErrorLogOption()).isTrue();
		assertThat(new NginxVersion(1, 18, 0).takesErrorLogOption()).isFalse();
		assertThat(new NginxVersion(2, 0, 0).limitsUpstreamKeepalive()).isTrue();
		assertThat(new NginxVersion(1, 15, 2).limitsUpstreamKeepalive()).isFalse();
	}

	@Test
	void failsWithTheEndOfItsOutputAndCleansUpWhenNginxExitsWhileStarting() throws Exception {
		Path prefix = this.temp.resolve("prefix");
		Path nginx = NginxBinaryTests.script(this.temp.resolve("nginx"),
				"[ \"$1\" = -v ] && { echo 'nginx version: nginx/1.22.1' >&2; exit 0; }; echo \"$2\" > " + prefix
						+ "; echo 'nginx: [emerg] unknown directive \"foo\"' >&2; exit 1");

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> NginxProxy.start(nginx, INSTANCES, SETTINGS))
			.withMessageStartingWith("nginx exited with code 1 while starting")
			.withMessageContaining("[emerg] unknown directive \"foo\"");
		assertThat(Path.of(Files.readString(prefix).strip())).doesNotExist();
	}

	@Test
	void stopsNginxThatDoesNotListenInTime() throws Exception {
		Path pid = this.temp.resolve("pid");
		Path nginx = NginxBinaryTests.script(this.temp.resolve("nginx"),
				"[ \"$1\" = -v ] && { echo 'nginx version: nginx/1.22.1' >&2; exit 0; }; echo $$ > " + pid
						+ "; exec sleep 60");

		long started = System.nanoTime();
		assertThatExceptionOfType(IOException.class).isThrownBy(
				() -> NginxProxy.start(nginx, INSTANCES, new NginxProxy.Settings(1, 1024, 1, Duration.ofSeconds(1))))
			.withMessageContaining("did not listen on port")
			.withMessageContaining("within 1 s");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		assertThat(ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).map(ProcessHandle::isAlive))
			.isNotEqualTo(Optional.of(true));
	}

}
