/** Endpoints for data subjects' rights: exports and erasures, for compliance officers and for owners themselves. */
package io.petty.api.compliance;
