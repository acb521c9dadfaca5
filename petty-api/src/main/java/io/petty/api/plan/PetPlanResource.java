package io.petty.api.plan;

import io.petty.api.http.RateLimited;
import io.petty.api.identity.Caller;
import io.petty.api.pets.PetQuery;
import io.petty.domain.plan.PetPlan;
import io.petty.domain.plan.PetPlanService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;


/** {@code GET /v1/pet-plan?collar_id=|pet_id=}: the plan of one of the caller's pets. */
@Path("v1/pet-plan")
@ApplicationScoped
@RateLimited("analysis")
@RolesAllowed("owner")
public class PetPlanResource {

    private final PetPlanService plans;

    @Inject
    public PetPlanResource(PetPlanService plans) {
        this.plans = plans;
    }

    /** For CDI proxies and the JAX-RS runtime; never called to build a working instance. */
    public PetPlanResource() {
        this(null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PetPlanView plan(@QueryParam("collar_id") String collarId, @QueryParam("pet_id") String petId,
                            @Context SecurityContext security) {
        PetQuery pet = PetQuery.of(collarId, petId);
        PetPlan plan = pet.byCollar() ? plans.ofCollar(Caller.accountId(security), pet.collarId())
                : plans.ofPet(Caller.accountId(security), pet.petId());
        return PetPlanView.of(plan);
    }
}
