using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>A refused refresh token blocks only itself: once the user authorizes again, refreshes reach the server again.</summary>
public sealed class RefusedRefreshRecoveryTests : IDisposable
{
    /// <summary>Drives the store re-reads after a refused refresh (0.5 s and 2 s), never the call's 100 s budget.</summary>
    private static readonly TimeSpan RecheckHorizon = TimeSpan.FromSeconds(5);

    private readonly TokenHarness _h = new();

    public RefusedRefreshRecoveryTests()
    {
        _h.Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).WithFormData("refresh_token", "rt-revoked")
            .Respond(HttpStatusCode.BadRequest, Json.MediaType, TokenJson.Error("invalid_grant"));
        _h.Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).WithFormData("refresh_token", "rt-reauthorized")
            .Respond(Json.MediaType, TokenJson.Token("at-after-reauthorization", "rt-rotated"));
        _h.ApiAnswersOk();
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task After_a_refusal_a_new_authorization_refreshes_through_the_server()
    {
        await _h.StoreTokenAsync("at-old", "rt-revoked", TimeSpan.FromMinutes(-5));
        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _h.Time.AdvanceUntilCompletedAsync(_h.Client.Workspaces.GetAsync("w1"), RecheckHorizon));

        // The user authorizes again; that token has expired by the time of the next call.
        await _h.StoreTokenAsync("at-reauthorized", "rt-reauthorized", TimeSpan.FromMinutes(-1));
        var workspace = await _h.Time.AdvanceUntilCompletedAsync(_h.Client.Workspaces.GetAsync("w1"), RecheckHorizon);

        Assert.Equal("w1", workspace.Id);
        Assert.Equal(["rt-revoked", "rt-reauthorized"], _h.Recorder.Requests.Where(r => r.Path == "/oauth/token").Select(r => r.Form["refresh_token"]));
        Assert.Equal("Bearer at-after-reauthorization", _h.Recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
        Assert.Equal("rt-rotated", (await _h.Store.GetAsync(TokenHarness.ConnectionId))!.RefreshToken);
        Assert.Equal(0, _h.Provider.RememberedRefusalCount);
    }

    [Fact]
    public async Task After_a_refusal_a_401_on_the_new_authorization_refreshes_through_the_server()
    {
        await _h.StoreTokenAsync("at-old", "rt-revoked", TimeSpan.FromMinutes(-5));
        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _h.Time.AdvanceUntilCompletedAsync(_h.Provider.GetAccessTokenAsync(TokenHarness.ConnectionId).AsTask(), RecheckHorizon));
        await _h.StoreTokenAsync("at-reauthorized", "rt-reauthorized", TimeSpan.FromHours(1));

        var refreshed = await _h.Time.AdvanceUntilCompletedAsync(_h.Provider.RefreshAccessTokenAsync(TokenHarness.ConnectionId, "at-reauthorized").AsTask(), RecheckHorizon);

        Assert.Equal("at-after-reauthorization", refreshed);
        Assert.Equal(2, _h.TokenRequests);
    }
}
