package org.dsplatform.bench.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

}
