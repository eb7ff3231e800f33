using System.Net;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly MockHttpMessageHandler _mock = new();
    private readonly RecordingHandler _recorder;

    public DependencyInjectionTests()
    {
        _recorder = new RecordingHandler(_mock);
        _mock.When(HttpMethod.Get, TestClients.Url(".well-known/oauth-authorization-server")).Respond(HttpStatusCode.NotFound);
    }

    public void Dispose() => _recorder.Dispose();

    [Fact]
    public void Every_service_is_registered()
    {
        using var provider = Build();

        Assert.IsType<InMemoryTokenStore>(provider.GetRequiredService<ITokenStore>());
        Assert.IsType<StoredTokenProvider>(provider.GetRequiredService<IAccessTokenProvider>());
        Assert.Same(provider.GetRequiredService<IRateLimitState>(), provider.GetRequiredService<IRateLimitState>());
        Assert.Equal(CarbonVoiceClient.DefaultConnectionId, provider.GetRequiredService<ICarbonVoiceClient>().ConnectionId);
        Assert.Equal("c-9", provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("c-9").ConnectionId);
    }

    [Fact]
    public async Task The_registered_oauth_client_authorizes_with_the_configured_client_and_redirect()
    {
        using var provider = Build();

        var request = await provider.GetRequiredService<IOAuthClient>().CreateAuthorizationRequestAsync("state-1");

        Assert.Equal(new Uri("https://app.test/callback"), request.RedirectUri);
        Assert.Equal("state-1", request.State);
        var query = FormData.Parse(request.Url.Query.TrimStart('?'));
        Assert.Equal(("client", "https://app.test/callback", "state-1", "code"), (query["client_id"], query["redirect_uri"], query["state"], query["response_type"]));
        Assert.StartsWith(TestClients.BaseUrl, request.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registered_rate_limit_state_holds_what_each_connection_last_received()
    {
        using var provider = Build();
        var store = provider.GetRequiredService<ITokenStore>();
        await store.SetAsync("conn-a", new CarbonVoiceToken { AccessToken = "at-a", RefreshToken = "rt-a", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"w1"}""", System.Text.Encoding.UTF8, Json.MediaType) };
            response.Headers.Add("X-RateLimit-Limit", "100");
            response.Headers.Add("X-RateLimit-Remaining", "41");
            return response;
        });
        var state = provider.GetRequiredService<IRateLimitState>();
        Assert.Null(state.Get("conn-a"));

        await provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("conn-a").Workspaces.GetAsync("w1");

        Assert.Equal((100, 41), (state.Get("conn-a")!.Limit, state.Get("conn-a")!.Remaining));
        Assert.Null(state.Get("conn-b"));
    }

    [Fact]
    public async Task A_factory_client_uses_the_token_of_its_connection()
    {
        using var provider = Build();
        var store = provider.GetRequiredService<ITokenStore>();
        await store.SetAsync("conn-a", new CarbonVoiceToken { AccessToken = "at-a", RefreshToken = "rt-a", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        await store.SetAsync("conn-b", new CarbonVoiceToken { AccessToken = "at-b", RefreshToken = "rt-b", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, """{"id":"w1"}""");
        var factory = provider.GetRequiredService<ICarbonVoiceClientFactory>();

        await factory.CreateClient("conn-b").Workspaces.GetAsync("w1");
        await factory.CreateClient("conn-a").Workspaces.GetAsync("w1");

        Assert.Equal(["Bearer at-b", "Bearer at-a"], _recorder.Requests.Where(r => r.Path == "/v5/workspaces/w1").Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_connection_without_a_token_sends_nothing()
    {
        using var provider = Build();

        await Assert.ThrowsAsync<CarbonVoiceAuthenticationException>(() => provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("nobody").Workspaces.GetAsync("w1"));

        Assert.Empty(_recorder.Requests);
    }

    [Fact]
    public async Task The_registered_time_provider_is_used()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 5, 5, 0, 0, 0, TimeSpan.Zero));
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1", expiresIn: 600));
        using var provider = Build(services => services.AddSingleton<TimeProvider>(time));

        var token = await provider.GetRequiredService<IOAuthClient>().ExchangeCodeAsync("code-1", "verifier-1");

        Assert.Equal(time.GetUtcNow().AddSeconds(600), token.ExpiresAt);
    }

    [Fact]
    public async Task UseDistributedCacheTokenStore_replaces_the_store()
    {
        using var provider = Build(services => services.AddDistributedMemoryCache().AddSingleton<ITokenProtector>(UnprotectedTokenProtector.Instance), builder => builder.UseDistributedCacheTokenStore("tenant:"));
        var cache = provider.GetRequiredService<IDistributedCache>();
        await new DistributedCacheTokenStore(cache, UnprotectedTokenProtector.Instance, "tenant:").SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-shared", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, """{"id":"w1"}""");

        await provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("conn-1").Workspaces.GetAsync("w1");

        Assert.IsType<DistributedCacheTokenStore>(provider.GetRequiredService<ITokenStore>());
        Assert.Equal("Bearer at-shared", _recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
    }

    [Fact]
    public void UseTokenStore_registers_a_custom_store()
    {
        using var provider = Build(configureBuilder: builder => builder.UseTokenStore<CustomStore>());

        Assert.IsType<CustomStore>(provider.GetRequiredService<ITokenStore>());
    }

    [Fact]
    public async Task The_default_pipeline_retries_a_503()
    {
        Answer503();
        using var provider = Build(configure: o => o.MaxRetryAttempts = 2);

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => Client(provider).Workspaces.GetAsync("w1"));

        Assert.Equal(3, _recorder.Count(HttpMethod.Get, "v5/workspaces/w1"));
    }

    [Fact]
    public async Task ConfigureResilience_replaces_the_pipeline()
    {
        Answer503();
        var configured = 0;
        using var provider = Build(
            configure: o => o.MaxRetryAttempts = 2,
            configureBuilder: builder => builder.ConfigureResilience((pipeline, options) =>
            {
                Interlocked.Increment(ref configured);
                pipeline.AddTimeout(options.Timeout);
            }));

        await Assert.ThrowsAsync<CarbonVoiceServerException>(() => Client(provider).Workspaces.GetAsync("w1"));

        Assert.Equal(1, _recorder.Count(HttpMethod.Get, "v5/workspaces/w1"));
        Assert.True(configured > 0);
    }

    [Fact]
    public async Task Rate_limit_state_is_shared_by_the_clients_of_one_connection()
    {
        _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(_ => Responses.Json(HttpStatusCode.OK, """{"id":"w1"}""", ("X-RateLimit-Remaining", "3"), ("X-RateLimit-Limit", "10")));
        using var provider = Build();
        var first = Client(provider);

        await first.Workspaces.GetAsync("w1");

        Assert.Equal(3, provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("conn-1").RateLimit?.Remaining);
        Assert.Equal(3, provider.GetRequiredService<IRateLimitState>().Get("conn-1")?.Remaining);
        Assert.Null(provider.GetRequiredService<IRateLimitState>().Get("other"));
    }

    [Fact]
    public async Task Personal_access_token_mode_works_through_di()
    {
        _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, """{"id":"w1"}""");
        using var provider = Build(configure: o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.PersonalAccessToken;
            o.PersonalAccessToken = "cv_pat_di";
        });

        await provider.GetRequiredService<ICarbonVoiceClient>().Workspaces.GetAsync("w1");

        Assert.Equal("Bearer cv_pat_di", _recorder.Single(HttpMethod.Get, "v5/workspaces/w1").Authorization);
    }

    [Fact]
    public async Task Api_key_mode_works_through_di()
    {
        _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(Json.MediaType, """{"id":"w1"}""");
        using var provider = Build(configure: o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "key-di";
        });

        await provider.GetRequiredService<ICarbonVoiceClient>().Workspaces.GetAsync("w1");

        var request = _recorder.Single(HttpMethod.Get, "v5/workspaces/w1");
        Assert.Equal("key-di", request.ApiKey);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Oauth_requests_through_di_carry_no_api_credential()
    {
        _mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(Json.MediaType, TokenJson.Token("at-1", "rt-1"));
        using var provider = Build(configure: o =>
        {
            o.AuthenticationMode = CarbonVoiceAuthenticationMode.ApiKey;
            o.ApiKey = "key-di";
        });

        await provider.GetRequiredService<IOAuthClient>().ExchangeCodeAsync("code-1", null);

        var request = _recorder.Single(HttpMethod.Post, "oauth/token");
        Assert.Null(request.ApiKey);
        Assert.Null(request.Authorization);
    }

    private void Answer503()
        => _mock.When(HttpMethod.Get, TestClients.Url("v5/workspaces/w1")).Respond(HttpStatusCode.ServiceUnavailable, Json.MediaType, """{"success":false,"errmsg":"busy"}""");

    private static ICarbonVoiceClient Client(IServiceProvider provider)
    {
        provider.GetRequiredService<ITokenStore>().SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1) }).GetAwaiter().GetResult();
        return provider.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient("conn-1");
    }

    private ServiceProvider Build(Action<IServiceCollection>? services = null, Action<ICarbonVoiceBuilder>? configureBuilder = null, Action<CarbonVoiceOptions>? configure = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var builder = collection.AddCarbonVoice(o =>
        {
            o.BaseAddress = new Uri(TestClients.BaseUrl);
            o.ClientId = "client";
            o.ClientSecret = "secret";
            o.RedirectUri = new Uri("https://app.test/callback");
            o.RetryBaseDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        }).ConfigurePrimaryHandler(_ => _recorder);
        configureBuilder?.Invoke(builder);
        return collection.BuildServiceProvider();
    }

    private sealed class CustomStore : ITokenStore
    {
        public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default) => Task.FromResult<CarbonVoiceToken?>(null);

        public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
