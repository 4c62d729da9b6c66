package dev.spoq.cloud.provisioning;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProvisioningCommandTest {

    private final UUID user = UUID.randomUUID();

    @Test
    void everyActionSurvivesTheQueue() {
        for (ProvisioningAction action : ProvisioningAction.values()) {
            ProvisioningCommand command = new ProvisioningCommand(action, user, "alice");
            assertEquals(command, ProvisioningCommand.parse(command.toJson()));
        }
        assertEquals("sync-logins", ProvisioningAction.SYNC_LOGINS.wireName());
    }

    @Test
    void aCommandQueuedUnderTheOldNameOfSyncLoginsIsStillRead() {
        ProvisioningCommand command = ProvisioningCommand.parse("{\"action\":\"sync-accounts\",\"user_id\":\"" + user + "\"}");
        assertEquals(ProvisioningAction.SYNC_LOGINS, command.action());
    }

    @Test
    void aBodyThatIsNoCommandIsAPoisonMessage() {
        assertThrows(IllegalArgumentException.class, () -> ProvisioningCommand.parse("{\"action\":\"reboot\",\"user_id\":\"x\"}"));
    }
}
