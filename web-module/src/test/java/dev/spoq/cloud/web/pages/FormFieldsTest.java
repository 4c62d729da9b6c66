package dev.spoq.cloud.web.pages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormFieldsTest {

    private final FormFields devices = FormFields.of("devices", "sshid_code", "code", "ssh_public_key", "key");

    @Test
    void aProblemFieldIsShownAtItsInputOfThisForm() {
        assertEquals("devices:code", devices.clientIdOf("sshid_code"));
        assertEquals("devices:key", devices.clientIdOf("ssh_public_key"));
    }

    @Test
    void aProblemAboutNoInputOfThisFormIsShownAboveIt() {
        assertNull(devices.clientIdOf(null));
        assertNull(devices.clientIdOf("email"));
        assertNull(FormFields.of("profiles").clientIdOf("device_id"));
    }

    @Test
    void fieldsAndInputsComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> FormFields.of("login", "email"));
    }
}
