/**
 * Key-affinity load balancing for the cache: requests go to the owner of their key on the
 * shared ring.
 */
package org.dsplatform.gateway.ring;
