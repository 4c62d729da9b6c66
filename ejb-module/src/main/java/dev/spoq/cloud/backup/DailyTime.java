package dev.spoq.cloud.backup;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The time of day the daily backup runs: spoq.backup.daily-at ("HH:MM") in spoq.backup.time-zone. */
public record DailyTime(int hour, int minute, ZoneId zone) {

    private static final Pattern HH_MM = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    /** @throws IllegalArgumentException naming the setting, so that a wrong value stops the start with a clear line */
    public static DailyTime parse(String hhmm, String zone) {
        Matcher m = HH_MM.matcher(hhmm == null ? "" : hhmm.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("spoq.backup.daily-at must be HH:MM (24 h), not '" + hhmm + "'");
        }
        try {
            return new DailyTime(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("spoq.backup.time-zone is no time zone: '" + zone + "'", e);
        }
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d %s", hour, minute, zone);
    }
}
