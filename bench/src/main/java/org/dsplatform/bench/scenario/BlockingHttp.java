package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * A blocking HTTP/1.1 client for the {@link WorkerLoop}'s workers: one request at a time
 * per worker on a kept-alive connection; a non-2xx answer throws {@link StatusException}.
 * <p>
 * Apache HttpClient's classic (blocking) client, not the JDK's: the JDK client hands
 * every exchange between its selector thread, an executor and the caller, and on two
 * shared cores that cost about as much CPU per request as the lock service itself spends,
 * which is CPU the service under test did not get. A classic exchange is a write and a
 * read on the worker's own thread. A client lives as long as the bench's run.
 */
final class BlockingHttp {

	/** More than any run's concurrency: a worker never waits for a connection. */
	private static final int MAX_CONNECTIONS = 1024;

	private final CloseableHttpClient client;

	BlockingHttp(Duration timeout) {
		Timeout perRequest = Timeout.ofMilliseconds(timeout.toMillis());
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(MAX_CONNECTIONS)
				.setMaxConnPerRoute(MAX_CONNECTIONS)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.ofSeconds(2))
					.setSocketTimeout(perRequest)
					.build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(perRequest).build())
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableRedirectHandling()
			.disableContentCompression()
			.disableAuthCaching()
			.build();
	}

	Answer send(URI base, String method, String path, String json) throws IOException {
		HttpUriRequestBase request = new HttpUriRequestBase(method,
				URI.create(base.toString().replaceAll("/$", "") + path));
		if (json != null) {
			request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
		}
		Answer answer = this.client.execute(request, (response) -> {
			Header cache = response.getFirstHeader("X-Cache");
			String body = (response.getEntity() != null)
					? EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8) : "";
			return new Answer(response.getCode(), body, (cache != null) ? cache.getValue() : null);
		});
		if (answer.status() / 100 != 2) {
			throw new StatusException(answer.status());
		}
		return answer;
	}

	/**
	 * An answer: its status, its body, and the {@code X-Cache} header the cache sets.
	 */
	record Answer(int status, String body, String xCache) {

		Optional<String> cacheHeader() {
			return Optional.ofNullable(this.xCache);
		}

	}

	/** A non-2xx answer; the worker loop counts it as the error {@code HTTP <status>}. */
	static final class StatusException extends IOException {

		StatusException(int status) {
			super("HTTP " + status);
		}

	}

}
