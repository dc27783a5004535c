package org.dsplatform.cache.ring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.testing.HttpStandIns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsplatform.common.testing.HttpStandIns.answer;
import static org.dsplatform.common.testing.HttpStandIns.sleep;

/**
 * The registration against KV nodes that are slow or paused: HTTP servers speaking the
 * KV's lease and key API that record when each renewal arrived, answering after a delay,
 * and a socket that takes connections and never answers, as a paused (not dead) node
 * does. A lease's clock may start as soon as its request arrives, so two renewals must
 * never arrive a ttl apart.
 */
class RegistrationTests {

	private static final Duration TTL = Duration.ofMillis(1500);

	private final List<Long> renewalArrivals = new ArrayList<>();

	private final HttpStandIns kv = new HttpStandIns();

	@AfterEach
	void stopKv() {
		this.kv.close();
	}

	@Test
	void renewsATtlThirdAfterSendingThePreviousRenewalNotAfterItsAnswer() throws IOException {
		KvHttpClient client = new KvHttpClient(List.of(kvAnsweringAfter(1000)), Duration.ofSeconds(5));

		List<Long> arrivals = renewalsArrivingWith(client, 4);

		for (int i = 1; i < arrivals.size(); i++) {
			// Counted from each answer, the next renewal would come a full ttl after the
			// previous one arrived (a second to answer, a third of the ttl to wait).
			assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("gap before renewal %d", i)
				.isLessThan(TTL.toMillis() - 200);
		}
	}

	@Test
	void keepsRenewingThroughTheOtherNodesWhileOneHoldsItsRenewalsUnanswered() throws IOException {
		try (ServerSocket paused = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			URI pausedNode = URI.create("http://127.0.0.1:" + paused.getLocalPort());
			// The client waits 4 s for a node, more than the 1.5 s ttl: a renewal (or the
			// put) that went to the paused node must not hold back the ones after it.
			KvHttpClient client = new KvHttpClient(List.of(kvAnsweringAfter(0), pausedNode, kvAnsweringAfter(0)),
					Duration.ofSeconds(4));

			List<Long> arrivals = renewalsArrivingWith(client, 12);

			for (int i = 1; i < arrivals.size(); i++) {
				assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("gap before renewal %d", i)
					.isLessThan(TTL.toMillis() - 200);
			}
		}
	}

	/**
	 * Runs a registration until the live nodes have seen {@code count} renewals (the
	 * grant included) and answers their arrival times in order.
	 */
	private List<Long> renewalsArrivingWith(KvHttpClient client, int count) {
		try (Registration registration = new Registration(client, "registry/cache/cache-1", "http://node", TTL)) {
			registration.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> arrivals().size() >= count);
		}
		return arrivals();
	}

	private URI kvAnsweringAfter(long delayMs) throws IOException {
		return this.kv.start((exchange) -> {
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/api/kv/keys/")) {
				answer(exchange, 200,
						"{\"key\":\"registry/cache/cache-1\",\"value\":\"http://node\",\"version\":1,\"modRevision\":1}");
				return;
			}
			if (exchange.getRequestMethod().equals("POST")) {
				renewalArrived();
			}
			sleep(delayMs);
			boolean grant = path.equals("/api/kv/leases");
			answer(exchange, grant ? 201 : 200, grant ? "{\"leaseId\":7}" : "{\"leaseId\":7,\"ttlMs\":1500}");
		});
	}

	private synchronized void renewalArrived() {
		this.renewalArrivals.add(System.nanoTime() / 1_000_000);
	}

	private synchronized List<Long> arrivals() {
		return List.copyOf(this.renewalArrivals);
	}

}
