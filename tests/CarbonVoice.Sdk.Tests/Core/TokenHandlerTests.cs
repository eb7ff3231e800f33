using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class TokenHandlerTests : IDisposable
{
    /// <summary>Drives the store re-reads after a refused refresh (0.5 s and 2 s), never the call's 100 s budget.</summary>
    private static readonly TimeSpan RecheckHorizon = TimeSpan.FromSeconds(5);

    private readonly TokenHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_stored_access_token_is_sent_as_bearer()
    {
        await _h.StoreTokenAsync("at-valid", "rt-1", TimeSpan.FromHours(1));
        _h.ApiAnswersOk();

        var workspace = await _h.Client.Workspaces.GetAsync("w1");

        Assert.Equal("w1", workspace.Id);
        Assert.Equal("Bearer at-valid", _h.Recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
        Assert.Equal(0, _h.TokenRequests);
    }

    [Fact]
    public async Task A_token_expiring_within_the_buffer_is_refreshed_before_the_call()
    {
        await _h.StoreTokenAsync("at-old", "rt-1", TimeSpan.FromMinutes(4));
        _h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        _h.ApiAnswersOk();

        await _h.Client.Workspaces.GetAsync("w1");

        Assert.Equal(1, _h.TokenRequests);
        Assert.Equal("rt-1", _h.Recorder.Single(HttpMethod.Post, "oauth/token").Form["refresh_token"]);
        Assert.Equal("Bearer at-new", _h.Recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
        var stored = await _h.Store.GetAsync(TokenHarness.ConnectionId);
        Assert.Equal("at-new", stored!.AccessToken);
        Assert.Equal("rt-2", stored.RefreshToken);
        Assert.Equal(_h.Time.GetUtcNow().AddHours(1), stored.ExpiresAt);
    }

    [Fact]
    public async Task A_token_expiring_outside_the_buffer_is_not_refreshed()
    {
        await _h.StoreTokenAsync("at-old", "rt-1", TimeSpan.FromMinutes(6));
        _h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        _h.ApiAnswersOk();

        await _h.Client.Workspaces.GetAsync("w1");

        Assert.Equal(0, _h.TokenRequests);
        Assert.Equal("Bearer at-old", _h.Recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
    }

    [Fact]
    public async Task The_buffer_follows_the_clock()
    {
        await _h.StoreTokenAsync("at-old", "rt-1", TimeSpan.FromMinutes(6));
        _h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        _h.ApiAnswersOk();

        await _h.Client.Workspaces.GetAsync("w1");
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        await _h.Client.Workspaces.GetAsync("w1");

        Assert.Equal(1, _h.TokenRequests);
        Assert.Equal(["Bearer at-old", "Bearer at-new"], _h.Recorder.Requests.Where(r => r.Path == "/v5/workspaces/w1").Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_configured_buffer_is_honoured()
    {
        using var h = new TokenHarness(o => o.TokenRefreshBuffer = TimeSpan.FromMinutes(30));
        await h.StoreTokenAsync("at-old", "rt-1", TimeSpan.FromMinutes(20));
        h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        h.ApiAnswersOk();

        await h.Client.Workspaces.GetAsync("w1");

        Assert.Equal(1, h.TokenRequests);
    }

    [Fact]
    public async Task A_401_refreshes_once_and_retries_once()
    {
        await _h.StoreTokenAsync("at-revoked", "rt-1", TimeSpan.FromHours(1));
        _h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        _h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).WithHeaders("Authorization", "Bearer at-revoked")
            .Respond(HttpStatusCode.Unauthorized, Json.MediaType, """{"success":false,"errmsg":"token revoked"}""");
        _h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).WithHeaders("Authorization", "Bearer at-new")
            .Respond(Json.MediaType, TokenHarness.WorkspaceJson);

        var workspace = await _h.Client.Workspaces.GetAsync("w1");

        Assert.Equal("Acme", workspace.Name);
        Assert.Equal(1, _h.TokenRequests);
        Assert.Equal(["Bearer at-revoked", "Bearer at-new"], _h.Recorder.Requests.Where(r => r.Path == "/v5/workspaces/w1").Select(r => r.Authorization));
        Assert.Equal("at-new", (await _h.Store.GetAsync(TokenHarness.ConnectionId))!.AccessToken);
    }

    [Fact]
    public async Task A_second_401_surfaces_as_an_authentication_error_after_exactly_one_refresh()
    {
        await _h.StoreTokenAsync("at-revoked", "rt-1", TimeSpan.FromHours(1));
        _h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-2"));
        _h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1"))
            .Respond(HttpStatusCode.Unauthorized, Json.MediaType, """{"success":false,"requestId":"r-401","errmsg":"no access"}""");

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => _h.Client.Workspaces.GetAsync("w1"));

        Assert.Equal(1, _h.TokenRequests);
        Assert.Equal(2, _h.ApiRequests);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("r-401", error.RequestId);
    }

    [Fact]
    public async Task Fifty_parallel_calls_with_an_expired_token_cause_exactly_one_refresh()
    {
        var store = new CountingTokenStore(new InMemoryTokenStore());
        using var h = new TokenHarness(store: store);
        await h.StoreTokenAsync("at-expired", "rt-1", TimeSpan.FromMinutes(-1));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(async () =>
        {
            await release.Task;
            return Responses.Json(HttpStatusCode.OK, TokenJson.Token("at-new", "rt-2"));
        });
        h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).WithHeaders("Authorization", "Bearer at-new")
            .Respond(Json.MediaType, TokenHarness.WorkspaceJson);

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => h.Client.Workspaces.GetAsync("w1"))).ToList();
        await TimeDriver.YieldUntilAsync(() => h.TokenRequests == 1, "the first refresh to reach the token endpoint");
        // Every call has read the expired token (50 reads) and the refresher re-read it inside the lock (1 more).
        await TimeDriver.YieldUntilAsync(() => store.Reads >= 51, "all 50 calls to read the expired token");
        release.SetResult();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(results, w => Assert.Equal("w1", w.Id));
        Assert.Equal(1, h.TokenRequests);
        Assert.Equal(50, h.ApiRequests);
        Assert.All(h.Recorder.Requests.Where(r => r.Path == "/v5/workspaces/w1"), r => Assert.Equal("Bearer at-new", r.Authorization));
    }

    [Fact]
    public async Task Fifty_parallel_calls_rejected_with_401_cause_exactly_one_refresh()
    {
        await _h.StoreTokenAsync("at-revoked", "rt-1", TimeSpan.FromHours(1));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(async () =>
        {
            await release.Task;
            return Responses.Json(HttpStatusCode.OK, TokenJson.Token("at-new", "rt-2"));
        });
        _h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).WithHeaders("Authorization", "Bearer at-revoked")
            .Respond(HttpStatusCode.Unauthorized, Json.MediaType, """{"success":false,"errmsg":"revoked"}""");
        _h.Mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).WithHeaders("Authorization", "Bearer at-new")
            .Respond(Json.MediaType, TokenHarness.WorkspaceJson);

        var calls = Enumerable.Range(0, 50).Select(_ => Task.Run(() => _h.Client.Workspaces.GetAsync("w1"))).ToList();
        await TimeDriver.YieldUntilAsync(() => _h.TokenRequests == 1, "the first refresh to reach the token endpoint");
        await TimeDriver.YieldUntilAsync(() => _h.Recorder.Requests.Count(r => r.Authorization == "Bearer at-revoked") == 50, "all 50 calls to be rejected once");
        release.SetResult();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _h.TokenRequests);
    }

    [Fact]
    public async Task A_token_refreshed_by_another_instance_is_reused_without_refreshing()
    {
        var inner = new InMemoryTokenStore();
        var store = new StaleFirstReadStore(inner);
        using var h = new TokenHarness(store: store);
        var now = h.Time.GetUtcNow();
        await inner.SetAsync(TokenHarness.ConnectionId, new CarbonVoiceToken { AccessToken = "at-from-other-instance", RefreshToken = "rt-2", ExpiresAt = now.AddHours(1) });
        store.StaleToken = new CarbonVoiceToken { AccessToken = "at-expired", RefreshToken = "rt-1", ExpiresAt = now.AddMinutes(-1) };
        h.TokenEndpointAnswers(TokenJson.Token("at-should-not-be-used", "rt-3"));
        h.ApiAnswersOk();

        await h.Client.Workspaces.GetAsync("w1");

        Assert.Equal(0, h.TokenRequests);
        Assert.True(store.Reads >= 2, "the provider must read the store again inside the refresh lock");
        Assert.Equal("Bearer at-from-other-instance", h.Recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
    }

    [Fact]
    public async Task A_refresh_response_without_refresh_token_keeps_the_old_one()
    {
        await _h.StoreTokenAsync("at-old", "rt-keep", TimeSpan.FromMinutes(-5));
        _h.TokenEndpointAnswers(TokenJson.Token("at-new", refreshToken: null));
        _h.ApiAnswersOk();

        await _h.Client.Workspaces.GetAsync("w1");

        var stored = await _h.Store.GetAsync(TokenHarness.ConnectionId);
        Assert.Equal("at-new", stored!.AccessToken);
        Assert.Equal("rt-keep", stored.RefreshToken);
    }

    [Fact]
    public async Task Invalid_grant_surfaces_as_token_expired_with_the_connection_and_no_api_request()
    {
        await _h.StoreTokenAsync("at-old", "rt-revoked", TimeSpan.FromMinutes(-5));
        _h.TokenEndpointAnswers(TokenJson.Error("invalid_grant", "refresh token revoked"), HttpStatusCode.BadRequest);
        _h.ApiAnswersOk();

        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _h.Time.AdvanceUntilCompletedAsync(_h.Client.Workspaces.GetAsync("w1"), RecheckHorizon));

        Assert.Equal(TokenHarness.ConnectionId, error.ConnectionId);
        Assert.Equal("invalid_grant", error.ErrorCode);
        Assert.Contains(TokenHarness.ConnectionId, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-revoked", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _h.ApiRequests);
        Assert.Equal(1, _h.TokenRequests);
    }

    [Fact]
    public async Task A_refused_refresh_token_is_not_sent_again()
    {
        await _h.StoreTokenAsync("at-old", "rt-revoked", TimeSpan.FromMinutes(-5));
        _h.TokenEndpointAnswers(TokenJson.Error("invalid_grant"), HttpStatusCode.BadRequest);

        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _h.Time.AdvanceUntilCompletedAsync(_h.Client.Workspaces.GetAsync("w1"), RecheckHorizon));
        var second = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _h.Time.AdvanceUntilCompletedAsync(_h.Client.Workspaces.GetAsync("w1"), RecheckHorizon));

        Assert.Equal(TokenHarness.ConnectionId, second.ConnectionId);
        Assert.Equal(1, _h.TokenRequests);
        Assert.Equal(0, _h.ApiRequests);
    }

    [Fact]
    public async Task An_expired_token_without_refresh_token_surfaces_as_token_expired()
    {
        await _h.StoreTokenAsync("at-old", refreshToken: null, TimeSpan.FromMinutes(-5));

        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _h.Time.AdvanceUntilCompletedAsync(_h.Client.Workspaces.GetAsync("w1"), RecheckHorizon));

        Assert.Equal(TokenHarness.ConnectionId, error.ConnectionId);
        Assert.Equal(0, _h.ApiRequests);
        Assert.Equal(0, _h.TokenRequests);
    }

    [Fact]
    public async Task No_stored_token_throws_an_authentication_error_and_sends_nothing()
    {
        _h.ApiAnswersOk();

        var error = await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => _h.Client.Workspaces.GetAsync("w1"));

        Assert.IsNotType<CarbonVoiceTokenExpiredException>(error);
        Assert.Contains(TokenHarness.ConnectionId, error.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Recorder.Requests);
    }

    [Fact]
    public async Task Personal_access_token_mode_sends_the_pat_as_bearer()
    {
        using var mock = new MockHttpMessageHandler();
        using var recorder = new RecordingHandler(mock);
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, TokenHarness.WorkspaceJson);
        var options = TestClients.Options(o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
            o.PersonalAccessToken = "cv_pat_abc123";
        });
        using var client = new CarbonVoiceClient(options, tokenProvider: null, recorder);

        await client.Workspaces.GetAsync("w1");

        var request = recorder.Single(HttpMethod.Get, "v5/workspaces/w1");
        Assert.Equal("Bearer cv_pat_abc123", request.Authorization);
        Assert.Null(request.ApiKey);
    }

    [Fact]
    public async Task Personal_access_token_mode_does_not_refresh_on_401()
    {
        using var mock = new MockHttpMessageHandler();
        using var recorder = new RecordingHandler(mock);
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(HttpStatusCode.Unauthorized, Json.MediaType, """{"success":false,"errmsg":"bad pat"}""");
        var options = TestClients.Options(o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
            o.PersonalAccessToken = "cv_pat_abc123";
        });
        using var client = new CarbonVoiceClient(options, tokenProvider: null, recorder);

        await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => client.Workspaces.GetAsync("w1"));

        Assert.Single(recorder.Requests);
    }

    [Fact]
    public async Task Api_key_mode_sends_x_api_key_and_no_authorization()
    {
        using var mock = new MockHttpMessageHandler();
        using var recorder = new RecordingHandler(mock);
        mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, TokenHarness.WorkspaceJson);
        var options = TestClients.Options(o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "key-123";
        });
        using var client = new CarbonVoiceClient(options, tokenProvider: null, recorder);

        await client.Workspaces.GetAsync("w1");

        var request = recorder.Single(HttpMethod.Get, "v5/workspaces/w1");
        Assert.Equal("key-123", request.ApiKey);
        Assert.Null(request.Authorization);
    }

    /// <summary>Returns <see cref="StaleToken"/> on the first read (as if read just before another instance refreshed), then the real store.</summary>
    private sealed class StaleFirstReadStore(ITokenStore inner) : ITokenStore
    {
        private int _reads;

        public CarbonVoiceToken? StaleToken { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref _reads) == 1 && StaleToken is { } stale ? Task.FromResult<CarbonVoiceToken?>(stale) : inner.GetAsync(connectionId, cancellationToken);

        public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default) => inner.SetAsync(connectionId, token, cancellationToken);

        public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default) => inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);
    }
}
