package dev.spoq.cloud.oauth.provider;

import com.nimbusds.oauth2.sdk.util.JSONArrayUtils;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which address of GitHub's /user/emails makes or finds an account (its answers as GitHub's documentation shows them). */
class GitHubPrimaryEmailTest {

    @Test
    void thePrimaryAddressWithItsVerification() throws Exception {
        var answer = JSONArrayUtils.parse("""
                [{"email":"octo@users.noreply.github.com","primary":false,"verified":true,"visibility":null},
                 {"email":"octocat@example.com","primary":true,"verified":true,"visibility":"public"}]""");
        assertEquals(new GitHubSignIn.PrimaryEmail("octocat@example.com", true), GitHubSignIn.primaryOf(answer));
    }

    @Test
    void anUnverifiedPrimaryIsNotReplacedByAnotherVerifiedAddress() throws Exception {
        var answer = JSONArrayUtils.parse("""
                [{"email":"someone-else@example.com","primary":false,"verified":true},
                 {"email":"octocat@example.com","primary":true,"verified":false}]""");
        assertEquals(new GitHubSignIn.PrimaryEmail("octocat@example.com", false), GitHubSignIn.primaryOf(answer));
    }

    @Test
    void noPrimaryNoAddress() throws Exception {
        var answer = JSONArrayUtils.parse("""
                [{"email":"octocat@example.com","primary":false,"verified":true}, "garbage", {"primary":true}]""");
        assertEquals(new GitHubSignIn.PrimaryEmail(null, false), GitHubSignIn.primaryOf(answer));
        assertEquals(new GitHubSignIn.PrimaryEmail(null, false), GitHubSignIn.primaryOf(JSONArrayUtils.parse("[]")));
    }

    @Test
    void verifiedMeansTheBooleanTrueOnly() throws Exception {
        var answer = JSONArrayUtils.parse("""
                [{"email":"octocat@example.com","primary":true,"verified":"true"}]""");
        assertEquals(new GitHubSignIn.PrimaryEmail("octocat@example.com", false), GitHubSignIn.primaryOf(answer));
    }
}
