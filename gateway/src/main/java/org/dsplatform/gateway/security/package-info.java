/**
 * Who may call the platform: API keys with roles, checked at the gateway before a request
 * is routed.
 */
package org.dsplatform.gateway.security;
