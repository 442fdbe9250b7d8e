package com.wheretoeat.core.contract;

import com.wheretoeat.core.port.AreaEvents;
import com.wheretoeat.core.port.AreaStore;

/** An area store and the area events it announces on: the pair the area contracts test together. */
public record AreaPorts(AreaStore store, AreaEvents events) {}
