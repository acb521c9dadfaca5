/** The published API contract (META-INF/openapi.yaml), checked without a server. */
package io.petty.api.contract;
