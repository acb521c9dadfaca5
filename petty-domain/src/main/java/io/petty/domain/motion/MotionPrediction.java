package io.petty.domain.motion;

/**
 * What a model makes of a stretch of motion.
 *
 * @param probabilities calibrated, one per label of the model in its order, summing to 1
 * @param windows       how many windows of the model's length it read
 */
public record MotionPrediction(String behavior, double confidence, double[] probabilities, int windows) {
}
