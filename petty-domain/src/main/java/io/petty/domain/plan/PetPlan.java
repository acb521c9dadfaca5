package io.petty.domain.plan;

import io.petty.domain.pets.Pet;

import java.util.List;

/**
 * @param energy       null when the pet's weight is not known
 * @param healthAlerts notes on the health alerts open at any time in the last 7 days, oldest first
 */
public record PetPlan(Pet pet, String collarId, EnergyRequirement energy, ActivityGoal activity,
                      List<String> healthAlerts) {
}
