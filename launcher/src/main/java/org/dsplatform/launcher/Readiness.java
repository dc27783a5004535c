package org.dsplatform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A readiness check of one process. Each check is bounded by a short timeout and never
 * throws: a process that cannot be reached is simply not ready.
 */
@FunctionalInterface
interface Readiness {

	Duration TIMEOUT = Duration.ofSeconds(1);

	boolean isReady();

	/**
	 * Ready when the HTTP endpoint answers 200 (for a service: its actuator readiness
	 * group).
	 */
	static Readiness http(HttpClient client, String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
		return () -> {
			try {
				return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		};
	}

	/**
	 * Ready when Redis answers {@code PING} with {@code +PONG}.
	 */
	static Readiness redisPing(int port) {
		return () -> {
			try (Socket socket = connect(port)) {
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] answer = in.readNBytes(5);
				return "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				return false;
			}
		};
	}

	/**
	 * Ready when the port accepts connections (the Kafka broker opens its client listener
	 * last).
	 */
	static Readiness tcp(int port) {
		return () -> {
			try (Socket socket = connect(port)) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		};
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

}
