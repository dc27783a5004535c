package org.dsplatform.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's API keys. Keys are stored as their SHA-256 digests only, so the
 * configuration (and whoever reads it) never holds a usable key. Each key can come from
 * the environment, e.g. {@code GATEWAY_SECURITY_APIKEYS_0_NAME},
 * {@code GATEWAY_SECURITY_APIKEYS_0_SHA256}, {@code GATEWAY_SECURITY_APIKEYS_0_ROLE}.
 *
 * @param enabled whether keys are required; off is the open mode of the local demo, in
 * which anyone may do anything
 * @param header the request header carrying the key
 * @param apiKeys the keys
 * @param internalHeaders headers the services use among themselves, dropped from every
 * client request whatever the mode: the cache nodes mark replication and forwarding with
 * them, and from a client they would plant entries that invalidation by revision never
 * replaces
 */
@ConfigurationProperties("gateway.security")
public record SecurityProperties(@DefaultValue("true") boolean enabled, @DefaultValue("X-API-Key") String header,
		@DefaultValue List<ApiKey> apiKeys, @DefaultValue( {
				"X-Cache-Replica-Of", "X-Cache-Forwarded-By" }) List<String> internalHeaders){

	/**
	 * One API key.
	 *
	 * @param name who holds it: shown in logs and used as the rate limit's bucket, never
	 * secret
	 * @param sha256 the hex SHA-256 digest of the key (e.g. {@code printf %s "$KEY" |
	 * sha256sum})
	 * @param role the most the key may do; it includes the lesser roles
	 */
	public record ApiKey(String name, String sha256, Role role) {
	}

}
