namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The token record: its printed form hides secrets but shows everything else; its refresh rule.</summary>
public class CarbonVoiceTokenTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Printing_a_token_masks_both_secrets_and_shows_every_other_field()
    {
        var token = new CarbonVoiceToken
        {
            AccessToken = "at-secret",
            RefreshToken = "rt-secret",
            IssuedAt = Issued,
            ExpiresAt = Issued.AddHours(1),
            Scopes = ["a", "b"],
            Version = "v7",
        };

        Assert.Equal(
            "CarbonVoiceToken { AccessToken = ***, RefreshToken = ***, IssuedAt = 2026-03-01T12:00:00.0000000+00:00, ExpiresAt = 2026-03-01T13:00:00.0000000+00:00, Scopes = [a b], TokenType = Bearer, Version = v7 }",
            token.ToString());
    }

    [Fact]
    public void Printing_a_token_without_the_optional_fields_says_null()
    {
        var token = new CarbonVoiceToken { AccessToken = "at-secret", TokenType = "MAC" };

        Assert.Equal(
            "CarbonVoiceToken { AccessToken = ***, RefreshToken = null, IssuedAt = null, ExpiresAt = null, Scopes = [], TokenType = MAC, Version = null }",
            token.ToString());
    }

    [Fact]
    public void The_default_token_type_is_bearer()
        => Assert.Equal("Bearer", new CarbonVoiceToken { AccessToken = "at" }.TokenType);

    [Fact]
    public void The_refresh_buffer_is_capped_at_half_the_lifetime()
    {
        // A 10-minute token with a 5-minute buffer: half its life is 5 minutes, so it is due at 5 minutes, not before.
        var token = new CarbonVoiceToken { AccessToken = "at", IssuedAt = Issued, ExpiresAt = Issued.AddMinutes(10) };

        Assert.False(token.NeedsRefresh(TimeSpan.FromMinutes(5), Issued.AddMinutes(4)));
        Assert.True(token.NeedsRefresh(TimeSpan.FromMinutes(5), Issued.AddMinutes(5)));
        // A buffer longer than half the life: half the life wins.
        Assert.False(token.NeedsRefresh(TimeSpan.FromMinutes(8), Issued.AddMinutes(4)));
        Assert.True(token.NeedsRefresh(TimeSpan.FromMinutes(8), Issued.AddMinutes(5)));
        // A buffer shorter than half the life is used as is.
        Assert.False(token.NeedsRefresh(TimeSpan.FromMinutes(2), Issued.AddMinutes(7)));
        Assert.True(token.NeedsRefresh(TimeSpan.FromMinutes(2), Issued.AddMinutes(8)));
    }

    [Fact]
    public void Printing_an_authorization_request_shows_the_url_without_its_query()
    {
        var request = new AuthorizationRequest(new Uri("https://auth.test/oauth/authorize?client_id=c&code_challenge=x"), "state", "verifier", new Uri("https://app.test/cb"));

        Assert.Equal("AuthorizationRequest { Url = https://auth.test/oauth/authorize, RedirectUri = https://app.test/cb }", request.ToString());
    }
}
