/**
 * The HTTP API of the kv-service.
 */
package org.dsplatform.kv.api;
