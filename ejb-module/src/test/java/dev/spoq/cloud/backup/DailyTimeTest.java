package dev.spoq.cloud.backup;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DailyTimeTest {

    @Test
    void readsHoursAndMinutesInTheZone() {
        DailyTime at = DailyTime.parse("03:00", "UTC");
        assertEquals(3, at.hour());
        assertEquals(0, at.minute());
        assertEquals(ZoneId.of("UTC"), at.zone());
        assertEquals(new DailyTime(23, 59, ZoneId.of("Europe/Paris")), DailyTime.parse(" 23:59 ", "Europe/Paris"));
        assertEquals(7, DailyTime.parse("7:05", "UTC").hour());
    }

    @Test
    void refusesWhatIsNoTimeOfDayNamingTheSetting() {
        for (String wrong : new String[]{"24:00", "3", "03:60", "three", "", "03:00:00"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DailyTime.parse(wrong, "UTC"), wrong);
            assertTrue(e.getMessage().contains("spoq.backup.daily-at"), e.getMessage());
        }
        IllegalArgumentException zone = assertThrows(IllegalArgumentException.class, () -> DailyTime.parse("03:00", "Mars/Olympus"));
        assertTrue(zone.getMessage().contains("spoq.backup.time-zone"), zone.getMessage());
    }
}
