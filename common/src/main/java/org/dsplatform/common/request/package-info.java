/**
 * What a servlet service accepts before its controllers see a request: bounded bodies,
 * strictly typed JSON, and problem documents for what the container refuses itself.
 */
package org.dsplatform.common.request;
