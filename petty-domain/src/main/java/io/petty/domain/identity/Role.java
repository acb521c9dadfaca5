package io.petty.domain.identity;

import java.util.Arrays;
import java.util.Optional;

/** Who an account is. {@link #group()} is the JWT {@code groups} value, {@link #column()} the database's. */
public enum Role {
    OWNER("owner", "owner"),
    ADMIN("admin", "admin"),
    COMPLIANCE_OFFICER("compliance-officer", "compliance_officer");

    /** The group of a collar's device token; collars are not accounts. */
    public static final String COLLAR_GROUP = "collar";

    private final String group;
    private final String column;

    Role(String group, String column) {
        this.group = group;
        this.column = column;
    }

    public String group() {
        return group;
    }

    public String column() {
        return column;
    }

    public static Optional<Role> ofGroup(String group) {
        return Arrays.stream(values()).filter(role -> role.group.equals(group)).findFirst();
    }

    public static Role ofColumn(String column) {
        return Arrays.stream(values()).filter(role -> role.column.equals(column)).findFirst().orElseThrow();
    }
}
