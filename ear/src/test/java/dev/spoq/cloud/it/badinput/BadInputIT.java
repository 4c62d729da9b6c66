package dev.spoq.cloud.it.badinput;

import dev.spoq.cloud.it.support.ComputerCleanup;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input table: every row is a request that must get a 4xx problem (never a 5xx) with
 * Content-Type application/problem+json, and the {@code field} / type the contract names.
 */
@ExtendWith(ComputerCleanup.class)
class BadInputIT {

    /** The table, by group, in the order the groups run (profiles before claims: a wrongly accepted claim would spoil "subdomain required"). */
    private static final List<Map.Entry<String, Supplier<List<BadInputCase>>>> TABLE = List.of(
            Map.entry("register and login", AuthCases::cases),
            Map.entry("profile", ProfileCases::cases),
            Map.entry("subdomain claim", SubdomainCases::cases),
            Map.entry("devices", DeviceCases::cases),
            Map.entry("request shape", RequestShapeCases::cases),
            Map.entry("tokens", TokenCases::cases));

    @TestFactory
    Stream<DynamicContainer> everyBadInputIsA4xxProblem() {
        BadInputFixture fixture = BadInputFixture.create();
        return TABLE.stream().map(group -> DynamicContainer.dynamicContainer(group.getKey(),
                group.getValue().get().stream().map(row ->
                        DynamicTest.dynamicTest(row.displayName(), () -> row.verify(fixture)))));
    }

    @Test
    void theTableHoldsAtLeastAHundredCases() {
        int rows = TABLE.stream().mapToInt(group -> group.getValue().get().size()).sum();

        assertTrue(rows >= 100, "the bad-input table has only " + rows + " rows");
    }
}
