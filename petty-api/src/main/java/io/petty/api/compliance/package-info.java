/** Endpoints for data subjects' rights: exports, for compliance officers and for owners themselves. */
package io.petty.api.compliance;
