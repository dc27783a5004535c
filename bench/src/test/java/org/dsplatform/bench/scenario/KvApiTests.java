package org.dsplatform.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.dsplatform.bench.load.BenchRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KvApiTests {

	private final KvApi ours = new KvApi.Platform();

	private final KvApi.EtcdGateway etcd = new KvApi.EtcdGateway("/v3");

	@Test
	void writesToOurKvWithAJsonValueUnderTheKeysPath() {
		BenchRequest put = this.ours.put("bench/k000123", "hello \"world\"");

		assertThat(put)
			.isEqualTo(new BenchRequest("PUT", "/api/kv/keys/bench/k000123", "{\"value\":\"hello \\\"world\\\"\"}"));
	}

	@Test
	void readsFromOurKvWithAPlainGet() {
		assertThat(this.ours.get("bench/k000123")).isEqualTo(BenchRequest.get("/api/kv/keys/bench/k000123"));
		assertThat(this.ours.foundValue("abc")).isEqualTo("\"value\":\"abc\"");
	}

	@Test
	void writesToEtcdWithBase64KeyAndValue() {
		BenchRequest put = this.etcd.put("bench/k000123", "bar");

		assertThat(put.method()).isEqualTo("POST");
		assertThat(put.path()).isEqualTo("/v3/kv/put");
		assertThat(put.body()).isEqualTo("{\"key\":\"YmVuY2gvazAwMDEyMw==\",\"value\":\"YmFy\"}");
	}

	@Test
	void readsFromEtcdWithADefaultAndSoLinearizableRange() {
		BenchRequest range = this.etcd.get("bench/k000123");

		assertThat(range).isEqualTo(BenchRequest.post("/v3/kv/range", "{\"key\":\"YmVuY2gvazAwMDEyMw==\"}"));
		assertThat(range.body()).doesNotContain("serializable");
		assertThat(this.etcd.foundValue("bar")).isEqualTo("\"value\":\"YmFy\"");
	}

	@Test
	void encodesAKilobyteValueAsItsBytesInBase64() {
		String value = KvCommand.value(1024, new Random(7));

		String encoded = KvApi.EtcdGateway.base64(value);

		assertThat(encoded).hasSize(1368);
		assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)).isEqualTo(value);
	}

	@Test
	void putsTheGatewayPrefixBeforeEveryPath() {
		KvApi.EtcdGateway beta = new KvApi.EtcdGateway("/v3beta");

		assertThat(beta.put("k", "v").path()).isEqualTo("/v3beta/kv/put");
		assertThat(beta.get("k").path()).isEqualTo("/v3beta/kv/range");
		assertThat(beta.status()).isEqualTo(BenchRequest.post("/v3beta/maintenance/status", "{}"));
		assertThat(KvApi.EtcdGateway.PREFIXES).startsWith("/v3");
	}

}
