/**
 * What the platform's services share: node identity, health contributors and the error
 * model.
 */
package org.dsplatform.common;
