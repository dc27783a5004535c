/**
 * The platform's one error language: RFC 9457 problem documents with stable types.
 */
package org.dsplatform.common.problem;
