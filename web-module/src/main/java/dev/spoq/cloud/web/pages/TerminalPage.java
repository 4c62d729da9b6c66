package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;
import dev.spoq.cloud.terminal.TerminalAccess;
import dev.spoq.cloud.terminal.WebTerminals;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;

import java.util.UUID;

/**
 * /terminal?profile=&lt;id&gt;: the dashboard's "Open terminal" for one of the account's profiles. The terminal itself
 * (xterm.js, resources/spoq/terminal.js) opens the WebSocket; this page decides whether there is one to open: a
 * computer that takes logins gets the terminal, one that is starting "Starting…" (the page reloads itself), anything
 * else the words an SSH login would read. Another account's profile is "not found", as one that does not exist.
 */
@Named
@RequestScoped
public class TerminalPage {

    @Inject
    PageSession session;

    @Inject
    WebTerminals terminals;

    private String profile;
    private TerminalAccess access;

    public void enter() {
        PageSession.openForMember(() -> {
            try {
                access = terminals.access(session.userId(), parse(profile));
            } catch (SpoqProblem problem) {
                if (problem.kind() != ProblemKind.NOT_FOUND) {
                    throw problem;
                }
                terminals.refused(session.userId(), profile, PageSession.remoteAddress(), "terminal page of a profile that is not the account's");
                ((HttpServletResponse) FacesContext.getCurrentInstance().getExternalContext().getResponse())
                        .setStatus(HttpServletResponse.SC_NOT_FOUND);
            }
        });
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public boolean isFound() {
        return access != null;
    }

    public TerminalAccess getAccess() {
        return access;
    }

    /** The WebSocket's address, relative to the site (terminal.js makes it ws: or wss:). */
    public String getSocket() {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
                + "/terminal/socket?profile=" + access.profileId();
    }
}
