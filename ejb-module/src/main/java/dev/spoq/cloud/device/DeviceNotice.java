package dev.spoq.cloud.device;

import java.time.Instant;
import java.time.OffsetDateTime;

/** A line for the dashboard: a device (or one of its keys) went to the account its key holder paired it with. */
public record DeviceNotice(long noticeId, String message, Instant createdAt) {

    static DeviceNotice of(Object[] row) {
        Object when = row[2];
        Instant at = when instanceof OffsetDateTime odt ? odt.toInstant()
                : when instanceof java.sql.Timestamp ts ? ts.toInstant() : Instant.now();
        return new DeviceNotice(((Number) row[0]).longValue(), (String) row[1], at);
    }
}
