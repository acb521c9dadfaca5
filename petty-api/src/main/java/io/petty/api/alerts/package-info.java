/** A pet's alert episodes over HTTP: listing them and acknowledging one. */
package io.petty.api.alerts;
