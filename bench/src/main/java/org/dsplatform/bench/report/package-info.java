/**
 * The results of a scenario as a console table and as a Markdown file under the report
 * directory.
 */
package org.dsplatform.bench.report;
