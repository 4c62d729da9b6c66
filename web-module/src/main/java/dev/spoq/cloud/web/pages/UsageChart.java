package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.monitoring.UsagePoint;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A usage history as an inline SVG chart (no script, no CDN: the page's CSP allows neither): one path each for
 * CPU, memory and storage in percent of their limits, over a fixed span ending now. The paths are in a
 * {@value #WIDTH}×{@value #HEIGHT} view box; a gap longer than three steps (the computer was stopped) breaks the line.
 *
 * @param label  "24 hours" or "7 days", for the heading and the screen-reader text
 * @param points how many points were drawn (0: the page says there is no history yet)
 */
public record UsageChart(String label, int points, String cpu, String memory, String storage, String summary)
        implements Serializable {

    static final int WIDTH = 300;
    static final int HEIGHT = 100;

    static UsageChart of(String label, List<UsagePoint> history, Duration span, Duration step, Instant now) {
        Instant start = now.minus(span);
        return new UsageChart(label, history.size(),
                path(history, UsagePoint::cpuPercent, start, span, step),
                path(history, p -> p.memoryPercent(), start, span, step),
                path(history, p -> p.storageBytes() < 0 ? -1 : p.storagePercent(), start, span, step),
                summary(label, history));
    }

    private static String path(List<UsagePoint> history, ToDoubleFunction<UsagePoint> percent, Instant start,
                               Duration span, Duration step) {
        StringBuilder d = new StringBuilder();
        Instant previous = null;
        for (UsagePoint point : history) {
            double value = percent.applyAsDouble(point);
            if (value < 0) {
                previous = null; // unknown at that moment: a gap
                continue;
            }
            boolean gap = previous == null || Duration.between(previous, point.at()).compareTo(step.multipliedBy(3)) > 0;
            double x = WIDTH * Math.max(0, Math.min(1, (double) Duration.between(start, point.at()).toMillis() / span.toMillis()));
            double y = HEIGHT - HEIGHT * Math.max(0, Math.min(100, value)) / 100.0;
            d.append(d.isEmpty() ? "" : " ").append(gap ? 'M' : 'L')
                    .append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            if (gap) {
                // a lone point still shows: a short flat stroke
                d.append(String.format(Locale.ROOT, " L%.1f %.1f", Math.min(WIDTH, x + 0.8), y));
            }
            previous = point.at();
        }
        return d.isEmpty() ? "M0 " + HEIGHT : d.toString();
    }

    /** What the chart says in words (its aria-label): the peaks over the span. */
    private static String summary(String label, List<UsagePoint> history) {
        if (history.isEmpty()) {
            return "No usage recorded in the last " + label + ".";
        }
        double cpu = history.stream().mapToDouble(UsagePoint::cpuPercent).max().orElse(0);
        int memory = history.stream().mapToInt(UsagePoint::memoryPercent).max().orElse(0);
        int storage = history.stream().mapToInt(UsagePoint::storagePercent).max().orElse(0);
        return String.format(Locale.ENGLISH, "Last %s: CPU at most %.0f %%, memory at most %d %%, storage at most %d %%.",
                label, cpu, memory, storage);
    }
}
