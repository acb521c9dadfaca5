package io.petty.domain.motion;

import io.petty.domain.telemetry.MotionWindow;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained motion classifier as it is stored and served: a Tribuo tree ensemble, the features and windows it reads, the
 * calibration of its probabilities, and a manifest of where it came from (data fingerprint, parameters, library
 * versions, evaluation). Its artifact is a ZIP of {@code manifest.json} and Tribuo's protobuf
 * {@code tribuo-model.pb}: what any tool can open, and nothing Java deserialization would run. The version is
 * derived from the content, so the same training gives the same version.
 */
public final class MotionModel {

    /** The artifact format this code writes and reads. */
    public static final int FORMAT = 1;
    private static final String MANIFEST = "manifest.json";
    private static final String TRIBUO_MODEL = "tribuo-model.pb";
    /** No real model comes near; a corrupt or hostile artifact stops here. */
    private static final int MAX_ENTRY_BYTES = 64 << 20;
    /** Added to every probability before calibrating: a tree's 0 is "rarely", never "impossible". */
    private static final double FLOOR = 1e-3;

    private final JsonObject manifest;
    private final byte[] tribuoModel;
    private final String version;
    private final List<String> labels;
    private final MotionFeatures features;
    private final WindowSpec window;
    private final double temperature;
    private final int smoothing;
    private final CompiledForest forest;

    private MotionModel(JsonObject manifest, byte[] tribuoModel, Model<Label> model) {
        this.manifest = manifest;
        this.tribuoModel = tribuoModel;
        this.version = manifest.getString("version");
        this.labels = manifest.getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString);
        JsonObject featureSet = manifest.getJsonObject("features");
        this.features = new MotionFeatures(FeatureSet.parse(featureSet.getString("groups"),
                featureSet.getBoolean("gyro")), doubles(featureSet, "still_accel"), doubles(featureSet, "still_gyro"));
        JsonObject windows = manifest.getJsonObject("window");
        this.window = new WindowSpec(windows.getJsonNumber("seconds").doubleValue(),
                windows.getJsonNumber("overlap").doubleValue());
        this.temperature = manifest.getJsonObject("calibration").getJsonNumber("temperature").doubleValue();
        this.smoothing = manifest.getJsonObject("smoothing").getInt("windows");
        List<String> names = features.set().names();
        this.forest = CompiledForest.of(model, names, labels).orElseThrow(() -> new IllegalArgumentException(
                "a motion model is a Tribuo decision tree or tree ensemble; this one is " + model.getClass().getName()));
    }

    /**
     * A newly trained model.
     *
     * @param temperature the calibration: probabilities are raised to {@code 1/temperature} and renormalised
     * @param smoothing   how many consecutive windows (this one and those before) a served prediction averages
     * @param description {@code model} (family, parameters), {@code provenance} and {@code metrics}, as written
     */
    public static MotionModel of(Model<Label> model, List<String> labels, MotionFeatures features, WindowSpec window,
                                 double temperature, int smoothing, JsonObject description, Instant createdAt) {
        if (!(temperature > 0) || smoothing < 1) {
            throw new IllegalArgumentException("the temperature must be positive and the smoothing at least 1");
        }
        JsonArrayBuilder labelArray = Json.createArrayBuilder();
        labels.forEach(labelArray::add);
        JsonArrayBuilder stillAccel = Json.createArrayBuilder();
        JsonArrayBuilder stillGyro = Json.createArrayBuilder();
        for (int axis = 0; axis < 3; axis++) {
            stillAccel.add(features.stillAccel()[axis]);
            stillGyro.add(features.stillGyro()[axis]);
        }
        byte[] tribuoModel = model.serialize().toByteArray();
        JsonObject content = Json.createObjectBuilder()
                .add("format", FORMAT)
                .add("created_at", createdAt.toString())
                .add("labels", labelArray)
                .add("features", Json.createObjectBuilder().add("groups", features.set().groupLabels())
                        .add("gyro", features.set().gyro()).add("count", features.set().size())
                        .add("still_accel", stillAccel).add("still_gyro", stillGyro))
                .add("window", Json.createObjectBuilder().add("seconds", window.seconds())
                        .add("overlap", window.overlap()))
                .add("calibration", Json.createObjectBuilder().add("method", "temperature")
                        .add("temperature", temperature))
                .add("smoothing", Json.createObjectBuilder().add("windows", smoothing))
                .addAll(Json.createObjectBuilder(description))
                .build();
        String version = "m" + DateTimeFormatter.BASIC_ISO_DATE.format(createdAt.atOffset(ZoneOffset.UTC).toLocalDate()) + "-"
                + fingerprint(content.toString().getBytes(StandardCharsets.UTF_8), tribuoModel).substring(0, 10);
        JsonObject manifest = Json.createObjectBuilder().add("version", version).addAll(Json.createObjectBuilder(content))
                .build();
        return new MotionModel(manifest, tribuoModel, model);
    }

    /** Reads an artifact written by {@link #toArtifact}. */
    @SuppressWarnings("unchecked")
    public static MotionModel fromArtifact(byte[] artifact) {
        JsonObject manifest = null;
        byte[] tribuoModel = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(artifact))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (MANIFEST.equals(entry.getName())) {
                    try (JsonReader reader = Json.createReader(new StringReader(new String(read(zip),
                            StandardCharsets.UTF_8)))) {
                        manifest = reader.readObject();
                    }
                } else if (TRIBUO_MODEL.equals(entry.getName())) {
                    tribuoModel = read(zip);
                }
            }
            if (manifest == null || tribuoModel == null) {
                throw new IllegalArgumentException("not a motion model artifact: it needs " + MANIFEST + " and "
                        + TRIBUO_MODEL);
            }
            if (manifest.getInt("format", 0) != FORMAT) {
                throw new IllegalArgumentException("motion model artifact format " + manifest.getInt("format", 0)
                        + " is not " + FORMAT);
            }
            Model<?> model = Model.deserialize(ModelProto.parseFrom(tribuoModel));
            if (!model.validate(Label.class)) {
                throw new IllegalArgumentException("the artifact's model is no classifier");
            }
            return new MotionModel(manifest, tribuoModel, (Model<Label>) model);
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("not a readable motion model artifact: " + e.getMessage(), e);
        }
    }

    /** The artifact: a ZIP of the manifest and the Tribuo model, byte for byte the same for the same model. */
    public byte[] toArtifact() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tribuoModel.length + 4096);
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
            entry(zip, TRIBUO_MODEL, tribuoModel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What a collar's motion window shows: the average of the calibrated probabilities of the model's windows in
     * it (a window shorter than the model's but at least half as long counts as one).
     *
     * @return null when the window is too short, or has no gyroscope where the model reads one
     */
    public MotionPrediction classify(MotionWindow motion) {
        Raw raw = raw(motion);
        return raw == null ? null : predictionOf(calibrate(raw.probabilities(), temperature), raw.windows());
    }

    /** The model's probabilities before calibration, averaged over a motion window's windows. */
    public record Raw(double[] probabilities, int windows) {
    }

    /**
     * Uncalibrated, for averaging over several readings first ({@link #smoothing()}): calibration applies to what
     * is served, the average.
     *
     * @return null when the window is too short, or has no gyroscope where the model reads one
     */
    public Raw raw(MotionWindow motion) {
        if (features.set().gyro() && motion.gyro() == null) {
            return null;
        }
        int length = window.length(motion.hz());
        int count = window.count(motion.samples(), motion.hz());
        if (count == 0) {
            if (motion.samples() * 2 < length) {
                return null;
            }
            count = 1;
            length = motion.samples();
        }
        double[] sum = new double[labels.size()];
        for (int i = 0; i < count; i++) {
            double[] p = forest.probabilities(features.extract(motion.accel(), motion.gyro(),
                    i * window.step(motion.hz()), length, motion.hz()));
            for (int label = 0; label < sum.length; label++) {
                sum[label] += p[label] / count;
            }
        }
        return new Raw(sum, count);
    }

    /** The prediction that these probabilities make: the likeliest label and its probability. */
    public MotionPrediction predictionOf(double[] probabilities, int windows) {
        int best = 0;
        for (int label = 1; label < probabilities.length; label++) {
            if (probabilities[label] > probabilities[best]) {
                best = label;
            }
        }
        return new MotionPrediction(labels.get(best), probabilities[best], probabilities, windows);
    }

    /** Temperature scaling of a distribution: {@code p^(1/t)} renormalised, after a small floor. */
    public static double[] calibrate(double[] probabilities, double temperature) {
        double[] calibrated = new double[probabilities.length];
        double total = 0;
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] = Math.pow(probabilities[i] + FLOOR, 1 / temperature);
            total += calibrated[i];
        }
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] /= total;
        }
        return calibrated;
    }

    public String version() {
        return version;
    }

    public List<String> labels() {
        return labels;
    }

    public MotionFeatures features() {
        return features;
    }

    public WindowSpec window() {
        return window;
    }

    public double temperature() {
        return temperature;
    }

    public int smoothing() {
        return smoothing;
    }

    /** Everything the artifact says about the model, its version included. */
    public JsonObject manifest() {
        return manifest;
    }

    /** The evaluation recorded at training, or an empty object. */
    public JsonObject metrics() {
        return manifest.containsKey("metrics") ? manifest.getJsonObject("metrics") : JsonObject.EMPTY_JSON_OBJECT;
    }

    private static double[] doubles(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue)
                .toArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // the same model, the same bytes
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] content = in.readNBytes(MAX_ENTRY_BYTES + 1);
        if (content.length > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("a motion model artifact entry is over " + (MAX_ENTRY_BYTES >> 20)
                    + " MB");
        }
        return content;
    }

    /** SHA-256 of the parts, in hex. */
    public static String fingerprint(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "MotionModel[" + version + ", " + labels + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MotionModel that && version.equals(that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version);
    }
}
