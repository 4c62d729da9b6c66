package dev.spoq.cloud.subdomain;

/** A user's address and the state of the computer behind it. created is false for a repeated claim. */
public record ClaimedSubdomain(String subdomain, String host, String status, boolean created) {
}
