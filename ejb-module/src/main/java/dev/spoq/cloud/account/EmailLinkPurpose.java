package dev.spoq.cloud.account;

/** What a mailed link does (the column's CHECK lists the wire names). */
enum EmailLinkPurpose {
    VERIFY_EMAIL("verify-email"),
    RESET_PASSWORD("reset-password");

    private final String wireName;

    EmailLinkPurpose(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
