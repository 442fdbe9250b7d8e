package com.wheretoeat.core.model;

/** The answer to joining: the member you now are, and the area as you found it. */
public record Joined(Member you, AreaSnapshot snapshot) {}
