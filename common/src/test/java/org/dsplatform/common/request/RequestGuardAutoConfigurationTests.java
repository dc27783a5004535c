package org.dsplatform.common.request;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Tomcat, spoken to over a raw socket so that no client library normalises or
 * refuses what is sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "platform.node-id=guarded-1", "platform.max-request-body-size=1KB" })
class RequestGuardAutoConfigurationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void answersPathsTomcatRefusesWithProblemDocuments() {
		for (String path : new String[] { "/things/a%2Fb", "/things/a%5Cb", "/things/a%00b", "/things/a%ff%fe",
				"/things/a%zz" }) {
			Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			// A '%' that starts no percent-encoding is itself encoded in the instance.
			assertProblem(answer, 400, path.replace("%zz", "%25zz"));
			assertThat(answer.body()).doesNotContain("Tomcat").doesNotContain("<html");
		}
	}

	@Test
	void answersAMethodTheContainerRefusesWithAProblemDocument() {
		Answer answer = send("TRACE /things/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertProblem(answer, 405, "/things/x");
		assertThat(json(answer).path("type").asString()).isEqualTo("/problems/method-not-allowed");
	}

	@Test
	void answersARequestForTheErrorPathItselfWith404() {
		Answer answer = send("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertProblem(answer, 404, "/error");
	}

	@Test
	void answersAQueryStringThatCannotBeDecodedWith400() {
		for (String query : new String[] { "name=%ff%fe", "name=%zz" }) {
			Answer answer = send("GET /things?" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertProblem(answer, 400, "/things");
		}
	}

	@Test
	void refusesADeclaredBodyAboveTheLimitBeforeReadingIt() {
		Answer answer = send("POST /things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 50000000\r\nConnection: close\r\n\r\n{\"name\":\"");
		assertProblem(answer, 413, "/things");
		assertThat(json(answer).path("type").asString()).isEqualTo("/problems/too-large");
		assertThat(json(answer).path("detail").asString()).contains("50000000 bytes");
	}

	@Test
	void refusesAChunkedBodyAboveTheLimitAndPassesOneBelowIt() {
		String big = "{\"name\":\"" + "x".repeat(2000) + "\"}";
		assertProblem(send(chunked(big)), 413, "/things");
		Answer small = send(chunked("{\"name\":\"small\"}"));
		assertThat(small.status()).as(small.body()).isEqualTo(200);
		assertThat(small.body()).isEqualTo("small");
	}

	@Test
	void refusesABodyOfTheWrongJsonTypeWithAProblemDocument() {
		String body = "{\"name\":5}";
		Answer answer = send("POST /things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
		assertProblem(answer, 400, "/things");
	}

	private static String chunked(String body) {
		return "POST /things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length())
				+ "\r\n" + body + "\r\n0\r\n\r\n";
	}

	private static void assertProblem(Answer answer, int status, String instance) {
		assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(status);
		assertThat(answer.head().toLowerCase(Locale.ROOT)).contains("content-type: application/problem+json");
		JsonNode problem = json(answer);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("/problems/");
		assertThat(problem.path("instance").asString()).isEqualTo(instance);
	}

	private static JsonNode json(Answer answer) {
		return JSON.readTree(answer.body());
	}

	private Answer send(String request) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String head = readHead(in);
			String lowerHead = head.toLowerCase(Locale.ROOT);
			String body;
			if (lowerHead.contains("transfer-encoding: chunked")) {
				body = readChunked(in);
			}
			else {
				int at = lowerHead.indexOf("content-length: ");
				int length = (at < 0) ? 0
						: Integer.parseInt(lowerHead.substring(at + 16, lowerHead.indexOf("\r\n", at)).trim());
				body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
			}
			return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The status line and headers; the body is read by its framing, since a server that
	 * refused a body it did not read may keep the connection open to discard the rest.
	 */
	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
			if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				break;
			}
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static String readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine(in);
			int size = Integer.parseInt(sizeLine.trim(), 16);
			if (size == 0) {
				readLine(in);
				return body.toString(StandardCharsets.UTF_8);
			}
			body.write(in.readNBytes(size));
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	record Answer(int status, String head, String body) {

	}

	record Thing(String name) {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ThingController.class)
	static class TestApplication {

	}

	@RestController
	static class ThingController {

		@GetMapping("/things/{name}")
		String get(@PathVariable String name) {
			return name;
		}

		@GetMapping("/things")
		String find(@RequestParam String name) {
			return name;
		}

		@PostMapping("/things")
		String create(@RequestBody Thing thing) {
			return thing.name();
		}

	}

}
