/**
 * The HTTP API of the cache-service.
 */
package org.dsplatform.cache.api;
