package dev.spoq.cloud.web.pages;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceFormTest {

    private final Rows.Profile alice = profile("alice");
    private final Rows.Profile bob = profile("bob");
    private final DeviceForm form = new DeviceForm("devices");

    @Test
    void theFirstProfileOfferedIsChosen() {
        form.offer(List.of(alice, bob));
        assertEquals(alice.id().toString(), form.getProfileId());
        assertTrue(form.isChoosingProfile());
    }

    @Test
    void theUsersChoiceStaysWhileItIsOffered() {
        form.offer(List.of(alice, bob));
        form.setProfileId(bob.id().toString());
        form.offer(List.of(alice, bob));
        assertEquals(bob.id().toString(), form.getProfileId());
        form.offer(List.of(alice));
        assertEquals(alice.id().toString(), form.getProfileId(), "bob's profile is full now");
        assertFalse(form.isChoosingProfile(), "one profile: nothing to choose");
    }

    @Test
    void anIdNotOfferedIsNotAChoice() {
        form.offer(List.of(alice));
        form.setProfileId(UUID.randomUUID().toString());
        form.offer(List.of(alice));
        assertEquals(alice.id().toString(), form.getProfileId());
    }

    @Test
    void noProfileWithRoomLeavesNothingChosen() {
        form.offer(List.of());
        assertNull(form.getProfileId());
    }

    private static Rows.Profile profile(String username) {
        return new Rows.Profile(UUID.randomUUID(), username, List.of());
    }
}
