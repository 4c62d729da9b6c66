package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.EmailVerification;
import dev.spoq.cloud.account.PasswordReset;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The pages the mailed links open, and the one that mails a reset link: /verify-email?token=… confirms the email
 * when it opens (the link is the whole proof); /forgot-password asks for an address and answers the same whatever
 * it is; /reset-password?token=… asks for the new password and sets it with a ViewState-protected post (opening
 * the link changes nothing, so a mail scanner that follows it uses nothing up).
 */
@Named
@RequestScoped
public class EmailLinkPages {

    private static final FormFields FORGOT = FormFields.of("forgot", "email", "email");
    private static final FormFields RESET = FormFields.of("reset", "password", "password", "token", "password");

    @Inject
    EmailVerification verification;

    @Inject
    PasswordReset reset;

    private String token;
    private String email;
    private String password;
    private String verifyProblem;
    private boolean sent;
    private boolean changed;

    /** /verify-email's view action. */
    public void verify() {
        try {
            verification.verify(token, PageSession.remoteAddress());
        } catch (SpoqProblem problem) {
            verifyProblem = problem.detail();
        }
    }

    /** /forgot-password's button: the same answer whether or not the address has an account. */
    public void requestReset() {
        FORGOT.run(() -> {
            reset.request(email, PageSession.remoteAddress());
            sent = true;
        });
    }

    /** /reset-password's button. */
    public void completeReset() {
        RESET.run(() -> {
            reset.complete(token, password, PageSession.remoteAddress());
            changed = true;
        });
    }

    public boolean isVerified() {
        return verifyProblem == null;
    }

    public String getVerifyProblem() {
        return verifyProblem;
    }

    public boolean isSent() {
        return sent;
    }

    public boolean isChanged() {
        return changed;
    }

    public String getResetAnswer() {
        return "If an account uses this address, we sent it a link to choose a new password. It works once, within the hour.";
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
