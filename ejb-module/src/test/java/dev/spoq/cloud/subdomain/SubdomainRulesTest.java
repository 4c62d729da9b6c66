package dev.spoq.cloud.subdomain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SubdomainRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "abc", "a1b", "my-box", "x2-y3-z4", "0abc",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123"})
    void acceptsDnsLabels(String name) {
        assertNull(SubdomainRules.judge(name));
    }

    @ParameterizedTest
    @CsvSource({
            "'', invalid", "ab, invalid", "-abc, invalid", "abc-, invalid", "a_b, invalid", "a.b.c, invalid",
            "ab--cd, invalid", "xn--abc, invalid", "alice!, invalid", "ålice, invalid",
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234, invalid",
            "www, reserved", "api, reserved", "admin, reserved", "mail, reserved", "ssh, reserved"})
    void refusesWithReason(String name, String reason) {
        assertEquals(reason, SubdomainRules.judge(name).reason());
    }

    @ParameterizedTest
    @CsvSource({"Alice, alice", "'  bob ', bob", "CAROL-1, carol-1"})
    void normalizesCaseAndSpace(String raw, String normalized) {
        assertEquals(normalized, SubdomainRules.normalize(raw));
    }
}
