package dev.spoq.cloud.sshkey;

/** Makes user-supplied text safe to echo back inside a rejection reason. */
final class Texts {

    private static final int MAX_ECHO = 40;

    private Texts() {
    }

    /** Short, printable excerpt: reasons end up in JSON and UIs, and a pasted megabyte must not come back. */
    static String quoteable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_ECHO; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX_ECHO) {
            out.append("...");
        }
        return out.toString();
    }

    /** Comments go into authorized_keys and UIs verbatim, so control characters are dropped (tabs become spaces). */
    static String cleanComment(String comment) {
        if (comment == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(comment.length());
        comment.codePoints()
                .map(c -> c == '\t' ? ' ' : c)
                .filter(c -> !Character.isISOControl(c) && !isBidiControl(c))
                .forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    // right-to-left overrides would let a comment display as something it is not
    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    }

    static boolean isPrintableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
