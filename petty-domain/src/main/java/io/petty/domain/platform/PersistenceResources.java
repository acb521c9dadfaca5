package io.petty.domain.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Makes the container's transaction-scoped entity manager of the {@code petty} unit (META-INF/persistence.xml)
 * injectable by constructor. Apart from {@link PlatformResources}, so that a module without the persistence unit
 * (an in-container test of the JDBC paths) carries no reference it cannot resolve.
 */
@ApplicationScoped
public class PersistenceResources {

    @Produces
    @PersistenceContext(unitName = "petty")
    private EntityManager entityManager;
}
