using System.Net.Http.Headers;
using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk.Tests.Http;

/// <summary>An error body that echoes a credential of its request is scrubbed of it before it reaches an exception or a log.</summary>
public sealed class RequestSecretsTests
{
    [Fact]
    public async Task The_bearer_token_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v5/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "opaque-token-123");

        var text = await RequestSecrets.ScrubAsync(request, "token opaque-token-123 was revoked", CancellationToken.None);

        Assert.Equal("token *** was revoked", text);
    }

    [Fact]
    public async Task The_api_key_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.test/v5/x");
        request.Headers.TryAddWithoutValidation("x-api-key", "key-abcdef-987");

        var text = await RequestSecrets.ScrubAsync(request, """{"errmsg":"unknown key key-abcdef-987"}""", CancellationToken.None);

        Assert.Equal("""{"errmsg":"unknown key ***"}""", text);
    }

    [Fact]
    public async Task Secret_form_fields_are_replaced_and_other_fields_are_kept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.test/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = "auth code/42+x",
                ["redirect_uri"] = "https://app.test/callback",
                ["client_secret"] = "very-secret-value",
            }),
        };

        var text = await RequestSecrets.ScrubAsync(
            request,
            "authorization_code grant failed: code auth code/42+x, secret very-secret-value, redirect https://app.test/callback",
            CancellationToken.None);

        Assert.Equal("authorization_code grant failed: code ***, secret ***, redirect https://app.test/callback", text);
    }

    [Fact]
    public async Task A_secret_containing_another_is_replaced_whole()
    {
        // The verifier starts with the code: replacing the shorter first would leave the verifier's tail in the text.
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.test/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["code"] = "abcdefgh",
                ["code_verifier"] = "abcdefgh-and-the-rest-of-the-verifier",
            }),
        };

        var text = await RequestSecrets.ScrubAsync(request, "bad verifier abcdefgh-and-the-rest-of-the-verifier", CancellationToken.None);

        Assert.Equal("bad verifier ***", text);
    }

    [Theory]
    [InlineData("1234567", "code 1234567 rejected")]
    [InlineData("12345678", "code *** rejected")]
    public async Task Secrets_shorter_than_eight_characters_are_left_since_they_would_mask_ordinary_text(string code, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.test/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = code }),
        };

        Assert.Equal(expected, await RequestSecrets.ScrubAsync(request, $"code {code} rejected", CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_request_the_text_is_returned_as_it_is()
        => Assert.Equal("token opaque-token-123", await RequestSecrets.ScrubAsync(null, "token opaque-token-123", CancellationToken.None));
}
