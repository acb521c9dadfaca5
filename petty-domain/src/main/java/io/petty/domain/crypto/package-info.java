/** Cryptographic building blocks, plain Java on the JDK's providers: AES-256-GCM, the master key, password hashing. */
package io.petty.domain.crypto;
