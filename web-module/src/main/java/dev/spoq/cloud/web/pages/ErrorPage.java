package dev.spoq.cloud.web.pages;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a page shows when something failed on our side: plain words and a way on, never a stack trace
 * (Liberty's default error page prints one). Plain HTML, no Faces: it must work when Faces did not.
 * Under /api and /internal the same failures are answered as problems ({@link ApiErrors}).
 */
@WebServlet(name = "ErrorPage", urlPatterns = "/error")
public class ErrorPage extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean failure = request.getDispatcherType() == DispatcherType.ERROR;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        boolean malformed = failure && MalformedAddress.isRefusal(uri, thrown);
        int status = !failure ? HttpServletResponse.SC_NOT_FOUND
                : malformed ? HttpServletResponse.SC_BAD_REQUEST
                : statusOf(request);
        if (failure && ApiErrors.isApiPath(request.getContextPath(), uri)) {
            ApiErrors.write(response, status, malformed);
            return;
        }
        if (failure && status >= 500) {
            LOG.log(Level.SEVERE, "A page failed: " + uri, thrown instanceof Throwable t ? t : null);
        }
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String home = request.getContextPath() + "/";
        PrintWriter out = response.getWriter();
        out.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Spoq Cloud</title><style>body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,"
                + "Arial,sans-serif;margin:0;padding:2rem 1rem;background:#f5f6fb;color:#1b1d29}main{max-width:32rem;"
                + "margin:0 auto;background:#fff;border:1px solid #e2e4ee;border-radius:12px;padding:1.5rem}"
                + "a{color:#3f37c9}</style></head><body><main>");
        if (status == HttpServletResponse.SC_BAD_REQUEST) {
            out.write("<h1>This address is not valid</h1><p>Check the link you followed.</p>");
        } else if (status >= 500) {
            out.write("<h1>Something went wrong on our side</h1><p>Please try again in a moment. "
                    + "If it keeps happening, contact support.</p>");
        } else {
            out.write("<h1>There is nothing at this address</h1>");
        }
        out.write("<p><a href=\"" + home + "\">Spoq Cloud home</a> · <a href=\"" + home + "dashboard\">Dashboard</a></p>"
                + "</main></body></html>");
    }

    /** The status the container chose (a 400 from its own checks), or 500 for an exception of ours. */
    private static int statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        boolean thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null;
        if (!thrown && code instanceof Integer status && status >= 400) {
            return status;
        }
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
