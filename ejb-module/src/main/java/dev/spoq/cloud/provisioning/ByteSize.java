package dev.spoq.cloud.provisioning;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as configured (spoq.container.memory, .storage), in Docker's flag notation: a number and an
 * optional binary unit, "2g", "512m", "1.5t", "1073741824". The one reader of that notation, for the
 * limits a container gets and the sizes the pages show.
 *
 * @param bytes the size in bytes
 */
public record ByteSize(long bytes) {

    private static final Pattern NOTATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?");
    private static final String UNITS = "kmgt";

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("A size is not negative: " + bytes);
        }
    }

    /** @throws IllegalArgumentException for text that is not a size, naming the text */
    public static ByteSize parse(String text) {
        Matcher m = text == null ? null : NOTATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size like 2g, 512m or 1073741824");
        }
        int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2)) + 1;
        return new ByteSize(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << (10 * power))).longValue());
    }

    /** "2 GB", "512 MB", "1.5 TB": the largest unit that gives a short number, for people. */
    public String words() {
        String[] names = {"KB", "MB", "GB", "TB"};
        for (int i = names.length - 1; i >= 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes >= unit) {
                BigDecimal amount = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit));
                if (amount.scale() <= 1) {
                    return amount.stripTrailingZeros().toPlainString() + " " + names[i];
                }
            }
        }
        return bytes + " bytes";
    }
}
