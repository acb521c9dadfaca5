package io.petty.domain.behavior.internal;

import io.petty.domain.alerts.Alert;
import io.petty.domain.alerts.AlertChange;
import io.petty.domain.alerts.Alerts;
import io.petty.domain.alerts.PetAlerts;
import io.petty.domain.behavior.PetWindow;
import io.petty.domain.behavior.internal.JdbcAnalysisCursors.CursorRow;
import io.petty.domain.telemetry.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The alert rules of the collars in one pass, the settings of their pets, and what the rules changed. */
final class PassAlerts {

    private final Map<String, CollarAlerts> byCollar = new HashMap<>();
    private final Map<UUID, PetAlerts.Settings> settings = new HashMap<>();
    private final Map<String, List<CollarAlerts.Change>> changes = new LinkedHashMap<>();

    /** The settings of the pets in these windows, as they are now. */
    void settingsOf(Map<String, List<PetWindow>> windows) {
        windows.values().forEach(ofCollar -> ofCollar.forEach(window ->
                settings.putIfAbsent(window.petId(), new PetAlerts.Settings(window.home(), window.zone()))));
    }

    /**
     * The collar's rules for this pass: as used in it already, else as this server's last pass left them (the
     * analysis in memory matched the locked cursor), else as the cursor holds them.
     */
    CollarAlerts of(String collarId, CursorRow row, Optional<LiveAnalyses.Live> kept) {
        return byCollar.computeIfAbsent(collarId, collar -> kept.map(LiveAnalyses.Live::alerts)
                .orElseGet(() -> CollarAlerts.of(row.alerts(), row.cursor().analysedThrough())));
    }

    /** A reading the engine took in from the collar, worn by this pet. */
    void accept(String collarId, UUID petId, Reading reading) {
        byCollar.get(collarId).accept(petId, settings(collarId, petId), reading, changes(collarId));
    }

    /** A check at {@code now} for a silence of the collar, worn by this pet. */
    void checkSilence(String collarId, UUID petId, Instant now) {
        byCollar.get(collarId).checkSilence(settings(collarId, petId), now, changes(collarId));
    }

    private PetAlerts.Settings settings(String collarId, UUID petId) {
        PetAlerts.Settings ofPet = settings.get(petId);
        if (ofPet == null) {
            throw new IllegalStateException("no pairing window of pet " + petId + " was read for collar " + collarId);
        }
        return ofPet;
    }

    private Consumer<CollarAlerts.Change> changes(String collarId) {
        return change -> changes.computeIfAbsent(collarId, collar -> new ArrayList<>()).add(change);
    }

    /** Whether the collar's rules opened or resolved anything in this pass. */
    boolean changed(String collarId) {
        return changes.containsKey(collarId);
    }

    CollarAlerts get(String collarId) {
        return byCollar.get(collarId);
    }

    /**
     * Stores what the rules changed, collar by collar and pet by pet, in order.
     *
     * @return the episodes opened or resolved, as each change left them
     */
    List<Alert> apply(Alerts alerts) {
        List<Alert> applied = new ArrayList<>();
        for (Map.Entry<String, List<CollarAlerts.Change>> collar : changes.entrySet()) {
            Map<UUID, List<AlertChange>> byPet = new LinkedHashMap<>();
            collar.getValue().forEach(change ->
                    byPet.computeIfAbsent(change.petId(), pet -> new ArrayList<>()).add(change.change()));
            for (Map.Entry<UUID, List<AlertChange>> pet : byPet.entrySet()) {
                applied.addAll(alerts.apply(pet.getKey(), collar.getKey(), pet.getValue()));
            }
        }
        return applied;
    }
}
