package io.petty.cli.model;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The model families compared, each a Tribuo trainer with the parameters it is run with. */
enum Family {

    /** Multinomial logistic regression on standardised features: Tribuo's linear model; compared, not served. */
    LOGISTIC_REGRESSION(false) {
        @Override
        Trainer<Label> trainer(int features, long seed) {
            return new TransformTrainer<>(new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 20, seed),
                    new TransformationMap(List.of(new MeanStdDevTransformation())));
        }

        @Override
        JsonObject parameters(int features) {
            return Json.createObjectBuilder().add("objective", "log-multiclass").add("optimiser", "adagrad(0.1)")
                    .add("epochs", 20).add("standardised", true).build();
        }
    },
    /** Random forest: bagged CART trees, each split choosing among a random square root of the features. */
    RANDOM_FOREST(true) {
        @Override
        Trainer<Label> trainer(int features, long seed) {
            return new RandomForestTrainer<>(new CARTClassificationTrainer(Integer.MAX_VALUE, splitShare(features),
                    seed), new FullyWeightedVotingCombiner(), TREES, seed);
        }

        @Override
        JsonObject parameters(int features) {
            return Json.createObjectBuilder().add("trees", TREES).add("max_depth", "unlimited")
                    .add("features_per_split", splitShare(features)).add("combiner", "mean distribution").build();
        }
    },
    /** Extremely randomised trees: random split points, every tree on all the data. */
    EXTRA_TREES(true) {
        @Override
        Trainer<Label> trainer(int features, long seed) {
            return new ExtraTreesTrainer<>(new CARTClassificationTrainer(Integer.MAX_VALUE, 2, 0,
                    splitShare(features), true, new GiniIndex(), seed), new FullyWeightedVotingCombiner(), TREES,
                    seed);
        }

        @Override
        JsonObject parameters(int features) {
            return Json.createObjectBuilder().add("trees", TREES).add("max_depth", "unlimited")
                    .add("features_per_split", splitShare(features)).add("random_split_points", true)
                    .add("combiner", "mean distribution").build();
        }
    },
    /** Gradient-boosted trees (XGBoost, native): compared, not served, so the server needs no native library. */
    XGBOOST(false) {
        @Override
        Trainer<Label> trainer(int features, long seed) {
            return new XGBoostClassificationTrainer(BOOSTING_ROUNDS, 0.3, 0, 6, 1, 1, 1, 1, 0, 1, true, seed);
        }

        @Override
        JsonObject parameters(int features) {
            return Json.createObjectBuilder().add("rounds", BOOSTING_ROUNDS).add("eta", 0.3).add("max_depth", 6)
                    .build();
        }
    };

    static final int TREES = 50;
    static final int BOOSTING_ROUNDS = 100;

    private final boolean servable;

    Family(boolean servable) {
        this.servable = servable;
    }

    abstract Trainer<Label> trainer(int features, long seed);

    abstract JsonObject parameters(int features);

    /** Whether the server can run it: the domain serves Tribuo's tree ensembles, compiled. */
    boolean servable() {
        return servable;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Family of(String label) {
        for (Family family : values()) {
            if (family.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown model family '" + label + "'; the families are "
                + Arrays.stream(values()).map(Family::label).collect(Collectors.joining(", ")));
    }

    /** The usual square root of the features, as a share. */
    private static float splitShare(int features) {
        return (float) Math.min(1, Math.sqrt(features) / features);
    }
}
