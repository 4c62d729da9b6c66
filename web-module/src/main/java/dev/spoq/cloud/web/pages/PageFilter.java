package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountService;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * In front of everything the FacesServlet serves (see web.xml for its exact mappings):
 * <ul>
 * <li>"/" (the exact mapping ""): Faces derives no view from it, so it is forwarded to /index, the landing page;
 *     /index itself redirects to "/" (one address per page);</li>
 * <li>/jakarta.faces.resource/* serves CSS, scripts and fonts only. Faces builds resource addresses from that
 *     prefix (/jakarta.faces.resource/jakarta.faces.resource/x.css?ln=...); anything else under it would render
 *     a page by another address (e.g. /jakarta.faces.resource/dashboard.xhtml) and is answered 404;</li>
 * <li>pages get security headers and are not cached; /setup and /dashboard need a logged-in session,
 *     strangers are sent to /login (also from an Ajax request or a forged post), and so is a session whose
 *     login token was revoked elsewhere (a password change or reset, "log out everywhere", a deleted account).</li>
 * </ul>
 */
@WebFilter(filterName = "PageFilter", servletNames = "Faces Servlet")
public class PageFilter extends HttpFilter {

    private static final String RESOURCES = "/jakarta.faces.resource";
    private static final String LANDING = "/index";
    private static final Set<String> MEMBERS_ONLY = Set.of("/setup", "/dashboard", "/terminal");

    @Inject
    AccountService accounts;

    /** Everything from this origin (no CDN); Faces and PrimeFaces need inline scripts and styles. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals(RESOURCES)) {
            String resource = request.getPathInfo();
            if (resource == null || !resource.startsWith(RESOURCES + "/") || resource.endsWith(".xhtml")) {
                notFound(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
        if (path.isEmpty()) {
            request.getRequestDispatcher(LANDING).forward(request, response);
            return;
        }
        if (path.equals(LANDING)) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + "/");
            return;
        }
        if (MEMBERS_ONLY.contains(path) && !PageSession.stillLoggedIn(request, accounts)) {
            toLogin(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String login = request.getContextPath() + "/login";
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            // an Ajax request (a poll after the session ended) follows a redirect only in this form
            response.setContentType("text/xml");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + login + "\"></redirect></partial-response>");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", login);
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Not found\n");
    }
}
