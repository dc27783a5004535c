package org.dsplatform.bench.report;

/**
 * The machine a benchmark ran on, since its figures mean little without it.
 *
 * @param cores the processors available to the JVM
 * @param jvm the JVM name, vendor and version
 * @param os the operating system name, version and architecture
 * @param maxHeapMegabytes the JVM's maximum heap
 */
public record Machine(int cores, String jvm, String os, long maxHeapMegabytes) {

	public static Machine current() {
		Runtime runtime = Runtime.getRuntime();
		String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + ")";
		String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		return new Machine(runtime.availableProcessors(), jvm, os, runtime.maxMemory() / (1024 * 1024));
	}

	/**
	 * One line for a report.
	 * @return such as
	 * {@code 2 cores, OpenJDK 64-Bit Server VM 17.0.15+6 (Debian), Linux 6.1.0 amd64, max heap 494 MB}
	 */
	public String describe() {
		return this.cores + " cores, " + this.jvm + ", " + this.os + ", max heap " + this.maxHeapMegabytes + " MB";
	}

}
