package org.dsplatform.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes reports as Markdown files into one directory, creating it if needed.
 */
public final class ReportWriter {

	private final Path directory;

	public ReportWriter(Path directory) {
		this.directory = directory;
	}

	/**
	 * Writes the report under its {@linkplain Report#fileName() file name}, replacing a
	 * file of that name.
	 * @param report the report
	 * @return the file written
	 * @throws IOException if the directory or the file cannot be written
	 */
	public Path write(Report report) throws IOException {
		Files.createDirectories(this.directory);
		Path file = this.directory.resolve(report.fileName());
		Files.writeString(file, report.toMarkdown());
		return file;
	}

}
