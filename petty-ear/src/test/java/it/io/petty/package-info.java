/**
 * Black-box tests over HTTP against the EAR running on Liberty (started by liberty-maven-plugin),
 * with a real PostgreSQL behind it, and the fixtures they share.
 */
package it.io.petty;
