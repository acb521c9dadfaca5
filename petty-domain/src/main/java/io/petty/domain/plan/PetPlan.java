package io.petty.domain.plan;

import io.petty.domain.pets.Pet;

import java.util.List;

/**
 * @param energy       null when the pet's weight is not known
 * @param healthAlerts notes from the last 7 days' health alerts (none until the alerts feature lands)
 */
public record PetPlan(Pet pet, String collarId, EnergyRequirement energy, ActivityGoal activity,
                      List<String> healthAlerts) {
}
