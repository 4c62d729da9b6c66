package dev.spoq.cloud.billing;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a subscriber pays for: $15 a month or $150 a year. The wire name is the only spelling outside Java. */
public enum Plan {
    MONTHLY("Monthly"), YEARLY("Yearly");

    private final String words;

    Plan(String words) {
        this.words = words;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "Monthly", "Yearly": as the dashboard says it. */
    public String words() {
        return words;
    }

    public static Optional<Plan> ofWireName(String name) {
        return Arrays.stream(values()).filter(plan -> plan.wireName().equals(name)).findFirst();
    }

    /** The plan a request names, or a 400 on the field {@code plan}. */
    public static Plan requested(String name) {
        return ofWireName(name == null ? "" : name.strip()).orElseThrow(
                () -> SpoqProblem.invalid("plan", "Choose the plan \"monthly\" or \"yearly\"."));
    }
}
