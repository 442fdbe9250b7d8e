package com.wheretoeat.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.wheretoeat.core.contract.NameKeysContract;
import com.wheretoeat.core.port.NameKeys;
import org.junit.jupiter.api.Test;

class FoldedNameKeysTest extends NameKeysContract {
    @Override
    protected NameKeys newNameKeys() {
        return new FoldedNameKeys();
    }

    @Test
    void formatCharactersThatShowAreNotIgnored() {
        assertThat(FoldedNameKeys.isDefaultIgnorable(0x0600)).as("Arabic number sign").isFalse();
        assertThat(FoldedNameKeys.isDefaultIgnorable(0x200B)).as("zero width space").isTrue();
        assertThat(FoldedNameKeys.isDefaultIgnorable(0xFE0F)).as("variation selector 16").isTrue();
        assertThat(FoldedNameKeys.isDefaultIgnorable('a')).isFalse();
    }
}
