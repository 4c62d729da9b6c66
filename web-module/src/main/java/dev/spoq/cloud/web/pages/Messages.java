package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a page action ends for the user: {@link #attempt} is the one place a page action's failure is caught.
 * A SpoqProblem is the service's answer, shown as the page asks (next to a field, {@link FormFields}); anything
 * else is our fault, logged, and the user reads so in plain words.
 */
final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    private Messages() {
    }

    /** Runs a page action; a SpoqProblem goes to {@code onProblem}, any other failure is logged and said in plain words. */
    static void attempt(Runnable action, Consumer<SpoqProblem> onProblem) {
        try {
            action.run();
        } catch (SpoqProblem problem) {
            onProblem.accept(problem);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "A page action failed", e);
            error(null, "Something went wrong on our side. Please try again in a moment.");
        }
    }

    /**
     * Shows the text next to the input with this client id, marked invalid, or above the form when the id is
     * null or names no input the page shows (a message there would be read by no one).
     */
    static void error(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        UIComponent component = clientId == null ? null : faces.getViewRoot().findComponent(clientId);
        if (component instanceof UIInput input && shown(input)) {
            // marked for its red border; the field keeps what the user typed (no validationFailed(), which
            // with empty-string-as-null would render an invalid field empty)
            input.setValid(false);
            faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        }
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    private static boolean shown(UIComponent component) {
        for (UIComponent c = component; c != null; c = c.getParent()) {
            if (!c.isRendered()) {
                return false;
            }
        }
        return true;
    }
}
