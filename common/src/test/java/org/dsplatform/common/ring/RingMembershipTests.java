package org.dsplatform.common.ring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.testing.HttpStandIns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsplatform.common.testing.HttpStandIns.answer;

/**
 * Following the ring registry, against an HTTP server standing in for the KV whose
 * watches end at once, so that every change is seen by reading the registry again.
 */
class RingMembershipTests {

	private final HttpStandIns kv = new HttpStandIns();

	@AfterEach
	void stopKv() {
		this.kv.close();
	}

	@Test
	void aMemberThatLeftUnwatchedMovesTheVersionOnNotBack() throws Exception {
		AtomicInteger listings = new AtomicInteger();
		String both = "{\"items\":[" + member("a", 5) + "," + member("b", 6) + "],\"revision\":6,\"nextKey\":null}";
		String onlyA = "{\"items\":[" + member("a", 5) + "],\"revision\":9,\"nextKey\":null}";
		KvHttpClient client = new KvHttpClient(List.of(this.kv.start((exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/api/kv/watch")) {
				// The watch ends at once: the membership reads the registry again.
				exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
				return;
			}
			answer(exchange, 200, (listings.incrementAndGet() == 1) ? both : onlyA);
		})), Duration.ofSeconds(5));

		try (RingMembership membership = new RingMembership(client, "registry/cache/", Map.of("seed", "http://seed"),
				10)
			.start()) {
			await().atMost(Duration.ofSeconds(10)).until(() -> membership.ring().members().equals(Set.of("a")));

			// The remaining registration is older (5) than the version already reported
			// (6); the listing's revision (9) bounds the departure.
			assertThat(membership.ring().version()).isEqualTo(9);
		}
	}

	private static String member(String id, long modRevision) {
		return "{\"key\":\"registry/cache/" + id + "\",\"value\":\"http://" + id + "\",\"version\":1,\"modRevision\":"
				+ modRevision + "}";
	}

}
