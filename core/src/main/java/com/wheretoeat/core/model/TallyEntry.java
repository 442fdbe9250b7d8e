package com.wheretoeat.core.model;

import java.util.List;

/** One venue's line in the ranking: how many votes it has and whose. */
public record TallyEntry(Venue venue, int votes, List<Username> voters) {
    public TallyEntry {
        voters = List.copyOf(voters);
    }
}
