using System.Net;

namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

internal static class OAuthDance
{
    /// <summary>Builds the authorization URL with the SDK, lets the (auto-approving) emulator answer it like a browser, and returns the code from the redirect.</summary>
    public static async Task<(AuthorizationRequest Request, string Code)> AuthorizeAsync(Harness harness, IOAuthClient oauth, string state = "state-123")
    {
        var request = await oauth.CreateAuthorizationRequestAsync(state);
        using var response = await harness.Browser().GetAsync(request.Url);
        Assert.True(response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther, $"authorize answered {(int)response.StatusCode}");
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException("authorize answered without a Location header.");
        Assert.Equal(Harness.RedirectUri.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        Assert.Equal(state, Expect.QueryValue(location, "state"));
        return (request, Expect.QueryValue(location, "code"));
    }

    /// <summary>The whole dance up to tokens.</summary>
    public static async Task<CarbonVoiceToken> TokensAsync(Harness harness, IOAuthClient oauth)
    {
        var (request, code) = await AuthorizeAsync(harness, oauth);
        return await oauth.ExchangeCodeAsync(code, request.CodeVerifier, request.RedirectUri);
    }
}
