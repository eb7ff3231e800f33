using CarbonVoice.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.EndToEnd.Tests.Support;

/// <summary>
/// One emulator (in-process, seeded, on a <see cref="FakeTimeProvider"/>) and the ways the suite builds SDK clients
/// over it: the non-DI constructor with a static token, with a <see cref="StoredTokenProvider"/>, with a PAT or an
/// API key, and the DI path (<c>AddCarbonVoice(...).ConfigurePrimaryHandler(...)</c>).
/// </summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string ClientId = "emulator-client";
    public const string ClientSecret = "emulator-secret";
    public static readonly Uri RedirectUri = new("http://localhost:8000/api/connectors/carbonvoice/oauth/callback");
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = [];

    public Harness(Action<EmulatorOptions>? configure = null)
    {
        Time = new FakeTimeProvider(Start);
        Clock = new DrivenClock(Time);
        var options = new EmulatorOptions { Seed = 42, TimeProvider = Clock };
        configure?.Invoke(options);
        Emulator = new CarbonVoiceEmulator(options);
    }

    /// <summary>The fake clock (advance it directly, or drive calls with <see cref="Clock"/>).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The time provider the emulator and every SDK client share (the fake clock, with its timers tracked).</summary>
    public DrivenClock Clock { get; }

    public CarbonVoiceEmulator Emulator { get; }

    /// <summary>The default user (a member of every workspace but the last one).</summary>
    public EmulatorUser User => Emulator.Data.Users[0];

    public CarbonVoiceOptions Options(Action<CarbonVoiceOptions>? configure = null)
    {
        var options = new CarbonVoiceOptions();
        Apply(options);
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The settings every client of the suite uses (the brief's fixture options).</summary>
    public void Apply(CarbonVoiceOptions options)
    {
        options.BaseAddress = Emulator.BaseAddress;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.RedirectUri = RedirectUri;
        options.RetryBaseDelay = TimeSpan.Zero;
    }

    /// <summary>A non-DI client with an explicit token provider (or none, for PAT/API-key modes).</summary>
    public CarbonVoiceClient Client(IAccessTokenProvider? tokens, Action<CarbonVoiceOptions>? configure = null)
        => Own(new CarbonVoiceClient(Options(configure), tokens, Emulator.CreateHandler(), timeProvider: Clock));

    /// <summary>A non-DI client authenticated as <paramref name="userId"/> (default: <see cref="User"/>) with a fixed access token.</summary>
    public CarbonVoiceClient ClientFor(string? userId = null, Action<CarbonVoiceOptions>? configure = null)
        => Client(new StaticAccessTokenProvider(Emulator.IssueTokens(userId ?? User.Id).AccessToken), configure);

    /// <summary>A non-DI client whose tokens live in an <see cref="InMemoryTokenStore"/> and are refreshed by a <see cref="StoredTokenProvider"/>.</summary>
    public async Task<StoredClient> StoredClientAsync(CarbonVoiceToken token, Action<CarbonVoiceOptions>? configure = null, string connectionId = CarbonVoiceClient.DefaultConnectionId)
    {
        var options = Options(configure);
        var store = new InMemoryTokenStore();
        await store.SetAsync(connectionId, token);
        // The OAuth client of a token-less client instance does the refreshes.
        var oauthOwner = Own(new CarbonVoiceClient(options, new StaticAccessTokenProvider("unused"), Emulator.CreateHandler(), timeProvider: Clock));
        var provider = new StoredTokenProvider(store, oauthOwner.OAuth, new FixedOptionsMonitor<CarbonVoiceOptions>(options), Clock);
        var client = Own(new CarbonVoiceClient(options, provider, Emulator.CreateHandler(), connectionId, Clock));
        return new StoredClient(client, store, provider);
    }

    /// <summary>Issues tokens for a user straight from the emulator, as an SDK token record.</summary>
    public CarbonVoiceToken IssueToken(string? userId = null)
    {
        var issued = Emulator.IssueTokens(userId ?? User.Id);
        return new CarbonVoiceToken { AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt };
    }

    /// <summary>The DI path: <c>AddCarbonVoice(...).ConfigurePrimaryHandler(_ => emulator.CreateHandler())</c> with the shared fake clock.</summary>
    public ServiceProvider Services(Action<CarbonVoiceOptions>? configure = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddCarbonVoice(options =>
            {
                Apply(options);
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHandler(_ => Emulator.CreateHandler());
        more?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _owned.Add(provider);
        return provider;
    }

    /// <summary>A plain HttpClient over the emulator (no redirects followed), for the browser side of the OAuth dance.</summary>
    public HttpClient Browser() => Own(new HttpClient(Emulator.CreateHandler()) { BaseAddress = Emulator.BaseAddress });

    /// <summary>Requests the emulator logged for a path prefix (method and path, query ignored).</summary>
    public IReadOnlyList<EmulatorRequestLog> RequestsTo(string method, string pathPrefix)
        => Emulator.Requests.Where(r => r.Method == method && r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        await Emulator.DisposeAsync();
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}

internal sealed record StoredClient(CarbonVoiceClient Client, InMemoryTokenStore Store, StoredTokenProvider Provider);

internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
