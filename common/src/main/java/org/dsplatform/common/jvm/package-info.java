/**
 * Settings of the JVM that every service needs before it starts.
 */
package org.dsplatform.common.jvm;
