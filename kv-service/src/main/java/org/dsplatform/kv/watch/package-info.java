/**
 * Watches: every change under a prefix, in revision order, from a chosen revision.
 */
package org.dsplatform.kv.watch;
