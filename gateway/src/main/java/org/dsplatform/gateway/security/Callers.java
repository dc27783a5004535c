package org.dsplatform.gateway.security;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who a request comes from, as the rate limiter counts it: the API key's name, or in open
 * mode the client's address.
 */
public final class Callers {

	/** The exchange attribute holding the caller. */
	public static final String ATTRIBUTE = Callers.class.getName() + ".caller";

	private Callers() {
	}

	/**
	 * The caller of the exchange: the name of its API key, or its client's address when
	 * it carried none (open mode, or a request that needs no key).
	 */
	public static String of(ServerWebExchange exchange) {
		String caller = exchange.getAttribute(ATTRIBUTE);
		return (caller != null) ? caller : anonymous(exchange);
	}

	private static String anonymous(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return "address:"
				+ ((remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown");
	}

}
