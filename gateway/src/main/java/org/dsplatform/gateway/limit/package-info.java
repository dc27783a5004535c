/**
 * What the gateway refuses before it spends anything on a request: bodies over the size
 * limit, paths a service would read differently from the gateway, and callers over their
 * rate.
 */
package org.dsplatform.gateway.limit;
