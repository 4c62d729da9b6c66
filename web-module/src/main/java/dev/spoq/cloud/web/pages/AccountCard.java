package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountDeletion;
import dev.spoq.cloud.account.AccountOverview;
import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.EmailVerification;
import dev.spoq.cloud.oauth.Provider;
import dev.spoq.cloud.oauth.ProviderSettings;
import dev.spoq.cloud.oauth.ProviderSignIn;
import dev.spoq.cloud.problem.SpoqProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.time.Instant;
import java.util.List;

/**
 * The dashboard's account actions: confirm the email (banner, send the link again), change the password (this
 * session goes on, every other one ends), log out everywhere, and delete the account (the password once more, or
 * for an account without one, a fresh login of its provider: {@link ProviderLoginServlet}).
 */
@Named
@RequestScoped
public class AccountCard {

    private static final FormFields PASSWORD = FormFields.of("password", "current_password", "current", "password", "new");
    private static final FormFields LEAVE = FormFields.of("leave", "password", "confirm");
    private static final FormFields VERIFY = FormFields.of("verify");
    private static final FormFields SESSIONS = FormFields.of("sessions");

    /** Why a confirmation at the provider deleted nothing (ProviderLoginServlet), shown once in the leave form. */
    static final String LEAVE_NOTICE = "spoq.oauth.leave-notice";

    @Inject
    PageSession session;

    @Inject
    AccountService accounts;

    @Inject
    AccountOverview overview;

    @Inject
    EmailVerification verification;

    @Inject
    AccountDeletion deletion;

    @Inject
    ProviderSignIn providerLogins;

    @Inject
    ProviderSettings providerSettings;

    private AccountOverview.View view;
    private String currentPassword;
    private String newPassword;
    private String confirmPassword;
    private String leaveNotice;

    private AccountOverview.View view() {
        if (view == null) {
            view = overview.of(session.userId());
        }
        return view;
    }

    public boolean isUnverified() {
        return !view().emailVerified();
    }

    public boolean isSuspendedUnverified() {
        return view().suspendedUnverified();
    }

    public String getVerifyBy() {
        return Rows.day(view().verifyBy());
    }

    public String getEmail() {
        return view().email();
    }

    public void resendVerification() {
        VERIFY.run(() -> {
            verification.resend(session.userId());
            Messages.info("We sent a new link to " + getEmail() + ".");
        });
    }

    public void changePassword() {
        PASSWORD.run(() -> {
            accounts.changePassword(session.userId(), currentPassword, newPassword, session.token(), PageSession.remoteAddress());
            Messages.info("Password changed. Every other session of your account was logged out.");
        });
    }

    public void logoutEverywhere() {
        SESSIONS.run(() -> {
            accounts.logoutEverywhere(session.userId(), PageSession.remoteAddress());
            session.endAndGoTo("/login");
        });
    }

    public boolean isPasswordless() {
        return !view().hasPassword();
    }

    /** The providers this account may confirm its leaving with (its own logins that are configured here). */
    public List<Provider> getLeaveProviders() {
        return providerLogins.loginsOf(session.userId()).stream().filter(providerSettings::configured).toList();
    }

    /** Arms /oauth/{provider}/leave for this session, once and briefly, and goes there. */
    public void deleteWith(Provider provider) {
        LEAVE.run(() -> {
            if (!getLeaveProviders().contains(provider)) {
                throw SpoqProblem.invalid("leave", "Your account does not sign in with " + provider.displayName() + ".");
            }
            http().getSession().setAttribute(LeaveRequest.ATTRIBUTE, new LeaveRequest(provider, Instant.now()));
            PageSession.redirect("/oauth/" + provider.wireName() + "/leave");
        });
    }

    /** Shown once: why the last confirmation at the provider deleted nothing. */
    public String getLeaveNotice() {
        if (leaveNotice == null) {
            HttpSession http = http().getSession(false);
            Object notice = http == null ? null : http.getAttribute(LEAVE_NOTICE);
            if (notice != null) {
                http.removeAttribute(LEAVE_NOTICE);
            }
            leaveNotice = notice instanceof String words ? words : "";
        }
        return leaveNotice;
    }

    private static HttpServletRequest http() {
        return (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    }

    public void deleteAccount() {
        LEAVE.run(() -> {
            deletion.delete(session.userId(), confirmPassword, PageSession.remoteAddress());
            session.endAndGoTo("/");
        });
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmPassword() {
        return confirmPassword;
    }

    public void setConfirmPassword(String confirmPassword) {
        this.confirmPassword = confirmPassword;
    }
}
