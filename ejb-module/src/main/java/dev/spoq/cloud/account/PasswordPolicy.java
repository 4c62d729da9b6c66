package dev.spoq.cloud.account;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.Locale;
import java.util.Set;

/** Length over composition rules (NIST SP 800-63B): long enough, not a well-known password. */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password12", "password123", "password1234", "passw0rd123",
            "1234567890", "12345678910", "123456789012", "0123456789", "0987654321", "1111111111",
            "qwertyuiop", "qwertyuiop1", "qwerty12345", "qwerty123456", "1q2w3e4r5t", "1qaz2wsx3edc",
            "iloveyou12", "letmein123", "welcome123", "abc1234567", "abcdefghij", "administrator",
            "trustno1234", "football123", "baseball123", "sunshine123", "princess123", "dragon12345",
            "monkey12345", "changeme123", "spoqcloud1", "spoqcloud123");

    private PasswordPolicy() {
    }

    public static void check(String password) {
        if (password == null || password.isEmpty()) {
            throw SpoqProblem.invalid("password", "Choose a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw SpoqProblem.invalid("password", "Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw SpoqProblem.invalid("password", "Use at most " + MAX_LENGTH + " characters.");
        }
        if (password.codePoints().distinct().count() == 1) {
            throw SpoqProblem.invalid("password", "A password of one repeated character is too easy to guess.");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            throw SpoqProblem.invalid("password", "This password is on lists attackers try first; choose another.");
        }
    }
}
