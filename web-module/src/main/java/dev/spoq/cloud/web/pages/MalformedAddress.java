package dev.spoq.cloud.web.pages;

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

    static boolean isMalformed(String requestUri) {
        return requestUri != null && REFUSED_ESCAPES.matcher(requestUri).find();
    }
}
