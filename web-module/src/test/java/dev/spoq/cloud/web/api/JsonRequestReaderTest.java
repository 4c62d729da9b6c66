package dev.spoq.cloud.web.api;

import dev.spoq.cloud.problem.SpoqProblem;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRequestReaderTest {

    private final JsonRequestReader reader = new JsonRequestReader();

    @SuppressWarnings("unchecked")
    private <T extends Record> T read(Class<T> type, String json) {
        return (T) reader.readFrom((Class<Record>) (Class<?>) type, type, null, null, null,
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bindsSnakeCaseFieldsToTheRecordsComponents() {
        UUID profile = UUID.randomUUID();
        ApiRequests.DeviceRequest device = read(ApiRequests.DeviceRequest.class,
                "{\"profile_id\":\"" + profile + "\",\"ssh_public_key\":\"ssh-ed25519 AAAA\",\"name\":null}");
        assertEquals(profile, device.profileId());
        assertEquals("ssh-ed25519 AAAA", device.sshPublicKey());
        assertNull(device.sshidCode());
        assertNull(device.name());
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        SpoqProblem problem = assertThrows(SpoqProblem.class,
                () -> read(ApiRequests.Credentials.class, "{\"email\":\"a@example.com\"}"));
        assertEquals("password", problem.field());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        SpoqProblem problem = assertThrows(SpoqProblem.class,
                () -> read(ApiRequests.DeviceRequest.class, "{\"profile_id\":7,\"ssh_public_key\":\"k\"}"));
        assertEquals("profile_id", problem.field());
        SpoqProblem notAnId = assertThrows(SpoqProblem.class,
                () -> read(ApiRequests.DeviceRequest.class, "{\"profile_id\":\"nope\"}"));
        assertTrue(notAnId.getMessage().contains("profile_id"), notAnId.getMessage());
    }

    @Test
    void onlyMarkedRecordsAreBound() {
        record Unmarked(String a) {
        }
        assertTrue(reader.isReadable(ApiRequests.ProfileRequest.class, null, null, null));
        assertEquals(false, reader.isReadable(Unmarked.class, null, null, null));
        assertEquals(false, reader.isReadable(String.class, null, null, null));
    }

    @Test
    void snakeCaseMatchesJsonBsNaming() {
        assertEquals("ssh_public_key", JsonRequestReader.snakeCase("sshPublicKey"));
        assertEquals("email", JsonRequestReader.snakeCase("email"));
    }
}
