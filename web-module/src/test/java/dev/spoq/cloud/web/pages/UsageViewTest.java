package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.provisioning.ResourceUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UsageViewTest {

    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-1 | unknown", "0 | 0 B", "1023 | 1023 B", "1024 | 1.0 KB", "1536 | 1.5 KB",
            "10240 | 10 KB", "536870912 | 512 MB", "2147483648 | 2.0 GB", "10737418240 | 10 GB",
            "1099511627776 | 1.0 TB", "1125899906842624 | 1024 TB"})
    void bytesInWords(long bytes, String words) {
        assertEquals(words, UsageView.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({"0, 100, 0", "1, 3, 33", "2, 3, 67", "100, 100, 100", "150, 100, 100", "-1, 100, 0", "5, 0, 0", "5, -1, 0"})
    void percentOfALimit(long part, long whole, int percent) {
        assertEquals(percent, UsageView.percent(part, whole));
    }

    @Test
    void aRunningComputer() {
        UsageView view = UsageView.of(new ResourceUsage(12.34, 512 * MB, 2 * GB, 3 * GB, 10 * GB), 20 * GB);
        assertEquals(new UsageView("12.3 %", 12, "512 MB of 2.0 GB", 25, "3.0 GB of 10 GB", 30), view);
    }

    @Test
    void aCpuBurstFillsTheMeterWithoutOverflowingIt() {
        UsageView view = UsageView.of(new ResourceUsage(180.0, 0, 2 * GB, 0, 10 * GB), 10 * GB);
        assertEquals("180.0 %", view.cpu());
        assertEquals(100, view.cpuPercent());
    }

    @Test
    void anUnknownStorageLimitIsTheConfiguredOne() {
        UsageView view = UsageView.of(new ResourceUsage(0, MB, 2 * GB, 5 * GB, -1), 10 * GB);
        assertEquals("5.0 GB of 10 GB", view.storage());
        assertEquals(50, view.storagePercent());
    }

    @Test
    void unknownStorageUseSaysSo() {
        UsageView view = UsageView.of(new ResourceUsage(0, MB, 2 * GB, -1, -1), 10 * GB);
        assertEquals("unknown", view.storage());
        assertEquals(0, view.storagePercent());
    }
}
