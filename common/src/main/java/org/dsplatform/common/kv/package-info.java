/**
 * A client of the platform's key-value store for the services that keep state in it.
 */
package org.dsplatform.common.kv;
