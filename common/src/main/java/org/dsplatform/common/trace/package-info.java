/**
 * Request ids: one id per client request, passed from the gateway to the service it
 * calls, echoed on the response and written on every log line of the request.
 */
package org.dsplatform.common.trace;
