/** An owner's pets and collar pairing over HTTP; every path is scoped to the calling owner. */
package io.petty.api.pets;
