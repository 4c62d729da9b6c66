package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Puts a service's answer next to the field it is about (SpoqProblem.field), or at the top of the form. */
final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    private Messages() {
    }

    /**
     * Shows the problem's detail next to the input that {@code fields} names for the problem's field
     * (marking that input invalid), or as a message of the whole form when the field is not on this form.
     */
    static void problem(SpoqProblem problem, Map<String, String> fields) {
        String clientId = problem.field() == null ? null : fields.get(problem.field());
        error(clientId, problem.detail());
    }

    static void error(String clientId, String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        if (clientId != null) {
            // marked for its red border; the field keeps what the user typed (no validationFailed(), which
            // with empty-string-as-null would render an invalid field empty)
            UIComponent component = faces.getViewRoot().findComponent(clientId);
            if (component instanceof UIInput input) {
                input.setValid(false);
            }
        }
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    /** Anything that is not a SpoqProblem is our fault: log it, tell the user in plain words. */
    static void unexpected(RuntimeException e) {
        LOG.log(Level.SEVERE, "A page action failed", e);
        error(null, "Something went wrong on our side. Please try again in a moment.");
    }
}
