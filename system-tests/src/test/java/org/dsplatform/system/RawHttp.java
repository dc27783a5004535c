package org.dsplatform.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no client library would send as they are:
 * the request line and headers go out byte for byte (a {@code String} here stands for its
 * ISO-8859-1 bytes, so {@code "\u00ff"} is the raw byte 0xFF), nothing is normalised or
 * encoded. One request per connection.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends the request head, then the body from another thread, and reads the answer by
	 * its framing: a server may answer a body it refuses, and close, before the whole
	 * body is sent.
	 */
	static Reply exchange(int port, String head, byte[] body, Duration timeout) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread writer = null;
			if (body.length > 0) {
				writer = new Thread(() -> {
					try {
						for (int at = 0; at < body.length; at += 64 * 1024) {
							out.write(body, at, Math.min(64 * 1024, body.length - at));
						}
						out.flush();
					}
					catch (IOException ex) {
						// The server refused the body and closed the connection.
					}
				}, "raw-http-body");
				writer.setDaemon(true);
				writer.start();
			}
			InputStream in = new BufferedInputStream(socket.getInputStream());
			String statusLine = readLine(in);
			if (statusLine.isEmpty()) {
				throw new IllegalStateException("The server closed the connection without an answer");
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				int colon = line.indexOf(':');
				headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			byte[] answer = readBody(in, headers, head.startsWith("HEAD ") || status == 204 || status == 304);
			socket.close();
			if (writer != null) {
				writer.join(5_000);
			}
			return new Reply(status, headers, answer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] readBody(InputStream in, Map<String, String> headers, boolean none) throws IOException {
		if (none) {
			return new byte[0];
		}
		if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String size = readLine(in);
				int semicolon = size.indexOf(';');
				int length = Integer.parseInt(((semicolon >= 0) ? size.substring(0, semicolon) : size).trim(), 16);
				if (length == 0) {
					for (String trailer = readLine(in); !trailer.isEmpty(); trailer = readLine(in)) {
						// trailers are not used
					}
					return body.toByteArray();
				}
				body.write(in.readNBytes(length));
				readLine(in);
			}
		}
		String length = headers.get("content-length");
		if (length != null) {
			return in.readNBytes(Integer.parseInt(length));
		}
		return in.readAllBytes();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * An answer; header names in lower case.
	 */
	record Reply(int status, Map<String, String> headers, byte[] body) {

		String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
