package dev.spoq.cloud.web.pages;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Addresses that Liberty's web container refuses before any of our code runs (it throws "CWWWC0005I ...
 * invalid or improperly encoded characters" for an encoded slash, backslash, NUL or dot segment). They are
 * the client's mistake, so they are answered 400, never 500.
 */
final class MalformedAddress {

    private static final Pattern REFUSED_ESCAPES = Pattern.compile("(?i)%(2f|5c|00|2e)");

    private MalformedAddress() {
    }

    /** Liberty's refusal: it failed with an I/O exception on an address with such an escape; not a bug of ours. */
    static boolean isRefusal(String requestUri, Object thrown) {
        for (Throwable t = thrown instanceof Throwable failure ? failure : null; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return isMalformed(requestUri);
            }
        }
        return false;
    }

    static boolean isMalformed(String requestUri) {
        return requestUri != null && REFUSED_ESCAPES.matcher(requestUri).find();
    }
}
