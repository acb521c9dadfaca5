/** Cross-cutting HTTP concerns: legacy paths, body limits, JSON conventions. */
package io.petty.api.http;
