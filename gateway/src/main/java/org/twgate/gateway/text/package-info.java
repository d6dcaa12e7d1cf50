/**
 * Octet-level helpers shared by the accept and delivery sides of the message path.
 */
package org.twgate.gateway.text;
