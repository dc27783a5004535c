package org.dsplatform.bench.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Child processes stopped the way a service manager stops them: SIGTERM first, SIGKILL
 * for those that do not stop in time.
 */
public final class ChildProcesses {

	private ChildProcesses() {
	}

	/**
	 * Stops processes. Sends each SIGTERM, waits for them all until the timeout has
	 * passed, and kills those still running, waiting up to five seconds for each to go.
	 * Then kills what the processes had started that is still running, since the children
	 * of a process that was killed rather than stopped outlive it. If interrupted, kills
	 * those not waited for yet and keeps the interrupt status.
	 * @param processes the processes
	 * @param timeout how long they have, together, to stop on SIGTERM
	 * @return the positions in {@code processes} of those killed after the timeout
	 */
	public static List<Integer> stop(List<Process> processes, Duration timeout) {
		List<ProcessHandle> descendants = processes.stream().flatMap(Process::descendants).toList();
		processes.forEach(Process::destroy);
		List<Integer> killed = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (int i = 0; i < processes.size(); i++) {
			Process process = processes.get(i);
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					killed.add(i);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		return killed;
	}

	/**
	 * Waits until a child process that was started to serve on a loopback port accepts
	 * connections there.
	 * @param process the process
	 * @param name what it is, as the subject of a sentence ({@code nginx})
	 * @param port the port
	 * @param timeout how long it has
	 * @param poll how long each attempt to connect may take, and the pause between two
	 * @param logTail what its logs end with, for the exception's message
	 * @throws IOException if the process exits or does not listen in time, saying which
	 */
	public static void awaitListening(Process process, String name, int port, Duration timeout, Duration poll,
			Supplier<String> logTail) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String lastProblem = "";
		while (true) {
			if (!process.isAlive()) {
				throw new IOException(
						name + " exited with code " + process.exitValue() + " while starting; " + logTail.get());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) poll.toMillis());
				return;
			}
			catch (IOException ex) {
				lastProblem = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IOException(name + " did not listen on port " + port + " within " + timeout.toSeconds()
						+ " s (" + lastProblem + "); " + logTail.get());
			}
			Thread.sleep(poll.toMillis());
		}
	}

	/**
	 * The lines of a child process's log that are not blank, or none if it cannot be
	 * read. Decoded leniently: a log is worth reading even with a stray byte in it.
	 */
	public static List<String> logLines(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank())
				.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
