package dev.spoq.cloud.web.pages;

import dev.spoq.cloud.account.AccountDeletion;
import dev.spoq.cloud.account.AccountOverview;
import dev.spoq.cloud.account.AccountService;
import dev.spoq.cloud.account.EmailVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The dashboard's account actions: confirm the email (banner, send the link again), change the password (this
 * session goes on, every other one ends), log out everywhere, and delete the account (the password once more).
 */
@Named
@RequestScoped
public class AccountCard {

    private static final FormFields PASSWORD = FormFields.of("password", "current_password", "current", "password", "new");
    private static final FormFields LEAVE = FormFields.of("leave", "password", "confirm");
    private static final FormFields VERIFY = FormFields.of("verify");
    private static final FormFields SESSIONS = FormFields.of("sessions");

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

    private AccountOverview.View view;
    private String currentPassword;
    private String newPassword;
    private String confirmPassword;

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
