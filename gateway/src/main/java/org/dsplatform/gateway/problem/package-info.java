/**
 * The gateway's errors, all as RFC 9457 problem documents.
 */
package org.dsplatform.gateway.problem;
