package io.petty.domain.motion;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.WeightedEnsembleModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Tribuo decision tree or tree ensemble laid out in flat arrays: the same splits and leaf distributions, read
 * straight from a feature array. Tribuo's own prediction builds an example, a sparse vector and a prediction object
 * per tree; this serves 14 times as many windows a second (docs/benchmarks.md "Motion classifier"), and
 * {@code MotionModelTest} checks both give the same probabilities.
 */
final class CompiledForest {

    private final int labels;
    private final int[] roots;
    /** Per node: the feature compared, or -1 for a leaf. */
    private final int[] feature;
    private final double[] split;
    /** Per split node: where to go when the value is at most the split, and when above. */
    private final int[] atMost;
    private final int[] above;
    /** Per leaf node: its class distribution, {@code labels} values from {@code leaf[node] * labels}. */
    private final int[] leaf;
    private final double[] distributions;

    private CompiledForest(int labels, List<Integer> roots, Nodes nodes) {
        this.labels = labels;
        this.roots = roots.stream().mapToInt(Integer::intValue).toArray();
        this.feature = nodes.feature.stream().mapToInt(Integer::intValue).toArray();
        this.split = nodes.split.stream().mapToDouble(Double::doubleValue).toArray();
        this.atMost = nodes.atMost.stream().mapToInt(Integer::intValue).toArray();
        this.above = nodes.above.stream().mapToInt(Integer::intValue).toArray();
        this.leaf = nodes.leaf.stream().mapToInt(Integer::intValue).toArray();
        this.distributions = nodes.distributions.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The model compiled, when it is a tree or an ensemble of trees averaging their distributions.
     *
     * @param featureNames the names of the features array's positions
     * @param labelNames   the order of the probabilities
     */
    static Optional<CompiledForest> of(Model<Label> model, List<String> featureNames, List<String> labelNames) {
        List<TreeModel<Label>> trees = new ArrayList<>();
        if (model instanceof TreeModel<Label> tree) {
            trees.add(tree);
        } else if (model instanceof WeightedEnsembleModel<Label> ensemble
                && ensemble.getProvenance().getTrainerProvenance().toString().contains(
                        FullyWeightedVotingCombiner.class.getSimpleName())) {
            for (Model<Label> member : ensemble.getModels()) {
                if (!(member instanceof TreeModel<Label> tree)) {
                    return Optional.empty();
                }
                trees.add(tree);
            }
        } else {
            return Optional.empty();
        }
        Nodes nodes = new Nodes(featureNames, labelNames);
        List<Integer> roots = new ArrayList<>();
        for (TreeModel<Label> tree : trees) {
            roots.add(nodes.add(tree.getRoot(), tree.getFeatureIDMap()));
        }
        return Optional.of(new CompiledForest(labelNames.size(), roots, nodes));
    }

    double[] probabilities(double[] features) {
        double[] sum = new double[labels];
        for (int root : roots) {
            int node = root;
            while (feature[node] >= 0) {
                node = features[feature[node]] > split[node] ? above[node] : atMost[node];
            }
            int from = leaf[node] * labels;
            for (int label = 0; label < labels; label++) {
                sum[label] += distributions[from + label];
            }
        }
        double total = 0;
        for (double value : sum) {
            total += value;
        }
        for (int label = 0; label < labels; label++) {
            sum[label] /= total;
        }
        return sum;
    }

    int trees() {
        return roots.length;
    }

    /** The nodes of every tree, appended depth first. */
    private static final class Nodes {
        final List<String> featureNames;
        final List<String> labelNames;
        final List<Integer> feature = new ArrayList<>();
        final List<Double> split = new ArrayList<>();
        final List<Integer> atMost = new ArrayList<>();
        final List<Integer> above = new ArrayList<>();
        final List<Integer> leaf = new ArrayList<>();
        final List<Double> distributions = new ArrayList<>();
        int leaves;

        Nodes(List<String> featureNames, List<String> labelNames) {
            this.featureNames = featureNames;
            this.labelNames = labelNames;
        }

        int add(Node<Label> node, ImmutableFeatureMap features) {
            int index = feature.size();
            feature.add(-1);
            split.add(0.0);
            atMost.add(-1);
            above.add(-1);
            leaf.add(-1);
            if (node instanceof SplitNode<Label> splitNode) {
                String name = features.get(splitNode.getFeatureID()).getName();
                int position = featureNames.indexOf(name);
                if (position < 0) {
                    throw new IllegalArgumentException("the model splits on a feature the set does not have: " + name);
                }
                feature.set(index, position);
                split.set(index, splitNode.splitValue());
                int lower = add(splitNode.getLessThanOrEqual(), features);
                int upper = add(splitNode.getGreaterThan(), features);
                atMost.set(index, lower);
                above.set(index, upper);
            } else {
                Map<String, Label> distribution = ((LeafNode<Label>) node).getDistribution();
                leaf.set(index, leaves++);
                for (String label : labelNames) {
                    Label score = distribution.get(label);
                    distributions.add(score == null ? 0.0 : score.getScore());
                }
            }
            return index;
        }
    }
}
