package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.problem.SpoqProblem;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where one form shows what a service refused: the form's id and, for each field a service names in
 * {@link SpoqProblem#field()} (the API's field names: "ssh_public_key"), the id of the input it is about
 * ("key"). A problem about none of them (wrong credentials, throttling) is shown above the form.
 */
record FormFields(String form, Map<String, String> inputs) {

    /** {@code of("signup", "email", "email", "password", "password")}: the form's id, then field and input id pairs. */
    static FormFields of(String form, String... fieldThenInput) {
        if (fieldThenInput.length % 2 != 0) {
            throw new IllegalArgumentException("field and input ids come in pairs");
        }
        Map<String, String> inputs = new HashMap<>();
        for (int i = 0; i < fieldThenInput.length; i += 2) {
            inputs.put(fieldThenInput[i], fieldThenInput[i + 1]);
        }
        return new FormFields(form, Map.copyOf(inputs));
    }

    /** Runs a page action of this form: a SpoqProblem is shown at its field (see {@link Messages#attempt}). */
    void run(Runnable action) {
        Messages.attempt(action, this::show);
    }

    /** The same; {@code first} sees a problem before it is shown (for pages that show more of it: rejected key lines). */
    void run(Runnable action, Consumer<SpoqProblem> first) {
        Messages.attempt(action, problem -> {
            first.accept(problem);
            show(problem);
        });
    }

    /** A page's own message next to one of this form's inputs (a check made before asking a service). */
    void error(String input, String text) {
        Messages.error(form + ":" + input, text);
    }

    /** The client id of the input a problem field is about ("signup:email"), or null when this form has none. */
    String clientIdOf(String field) {
        String input = field == null ? null : inputs.get(field);
        return input == null ? null : form + ":" + input;
    }

    private void show(SpoqProblem problem) {
        Messages.error(clientIdOf(problem.field()), problem.detail());
    }
}
