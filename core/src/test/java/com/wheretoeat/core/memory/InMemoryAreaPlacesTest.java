package com.wheretoeat.core.memory;

import com.wheretoeat.core.contract.AreaPlacesContract;
import com.wheretoeat.core.port.AreaPlaces;

class InMemoryAreaPlacesTest extends AreaPlacesContract {
    @Override
    protected AreaPlaces newPlaces() {
        return new InMemoryAreaPlaces();
    }
}
