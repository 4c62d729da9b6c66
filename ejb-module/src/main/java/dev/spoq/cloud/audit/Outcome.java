package dev.spoq.cloud.audit;

/** How an audited action ended: done, refused (bad input, not allowed, a conflict), or failed (our fault). */
public enum Outcome {
    OK, REFUSED, FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The outcome an HTTP answer's status stands for. */
    public static Outcome ofHttpStatus(int status) {
        return status >= 500 ? FAILED : status >= 400 ? REFUSED : OK;
    }
}
