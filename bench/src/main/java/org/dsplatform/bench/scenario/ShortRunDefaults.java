package org.dsplatform.bench.scenario;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shorter runs than the shared defaults, for scenarios made of many runs:
 * {@code --duration=10s}.
 */
public final class ShortRunDefaults implements IDefaultValueProvider {

	@Override
	public String defaultValue(ArgSpec argSpec) {
		if (argSpec instanceof OptionSpec option) {
			return "--duration".equals(option.longestName()) ? "10s" : null;
		}
		return null;
	}

}
