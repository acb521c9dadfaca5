/** Correlation: the id every request carries into its response, its problem documents and its log lines. */
package io.petty.api.correlation;
