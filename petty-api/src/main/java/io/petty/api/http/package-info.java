/** Cross-cutting HTTP concerns: request ids, legacy paths, body limits, JSON conventions. */
package io.petty.api.http;
