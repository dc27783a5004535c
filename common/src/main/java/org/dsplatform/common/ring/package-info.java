/**
 * The consistent-hash ring that the cache nodes and the gateway share, so both agree on
 * every key's owner.
 */
package org.dsplatform.common.ring;
