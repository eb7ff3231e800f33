namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// A local emulator of the Carbon Voice API: OAuth2 server, v2/v3/v5/v6 endpoints over deterministic generated data,
/// rate limits, fault injection, quirks and webhooks. Use it in-process through <see cref="CreateHandler"/> or on a
/// loopback port through <see cref="StartServerAsync"/>.
/// </summary>
public sealed class CarbonVoiceEmulator : IAsyncDisposable
{
    private readonly List<EmulatorServer> _servers = [];

    /// <summary>Creates an emulator and generates its data.</summary>
    /// <param name="options">Options; defaults when null.</param>
    public CarbonVoiceEmulator(EmulatorOptions? options = null)
    {
        Options = options ?? new EmulatorOptions();
        ArgumentNullException.ThrowIfNull(Options.TimeProvider);
        ArgumentNullException.ThrowIfNull(Options.BaseAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.Workspaces);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.ConversationsPerWorkspace);
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MessagesPerConversation);
        Store = new DataStore(Options.Seed);
        var end = (Options.DataEnd ?? Options.TimeProvider.GetUtcNow()).ToUnixTimeMilliseconds();
        DataGenerator.Generate(Store, Options, end, BaseUrl);
        Tokens = new TokenService(Options);
        RateLimiter = new RateLimiter(Options.RateLimit);
        Faults = new FaultInjector(Options.Seed, Options.Faults, Options.Quirks);
        RequestLog = new RequestLogBuffer(10_000);
        Webhooks = new WebhookDispatcher(this);
        Data = new EmulatorData(this);
        Control = new EmulatorControl(this);
        ControlKey = string.IsNullOrEmpty(Options.ControlKey) ? Testing.ControlKey.Create() : Options.ControlKey;
        Processor = new RequestProcessor(this, EndpointRegistry.Build());
        SignedUrls = new SignedUrls(this);
    }

    /// <summary>The options the emulator runs with (rate-limit, quirk and webhook options are read live).</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The in-process base address (<see cref="EmulatorOptions.BaseAddress"/>).</summary>
    public Uri BaseAddress => Options.BaseAddress;

    /// <summary>Read-only views of the current data, for assertions.</summary>
    public EmulatorData Data { get; }

    /// <summary>
    /// The key the HTTP control API (<c>/_emulator/...</c>) requires in the <c>X-Emulator-Control-Key</c> header:
    /// <see cref="EmulatorOptions.ControlKey"/>, or a random one made at start. In-process code uses <see cref="Control"/> directly.
    /// </summary>
    public string ControlKey { get; }

    /// <summary>Writes (messages, reactions, conversations) that raise webhooks, as the control API does.</summary>
    public EmulatorControl Control { get; }

    /// <summary>Fault injection: sequences and rates of failures.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The last 10,000 requests answered (oldest first); control requests are not logged.</summary>
    public IReadOnlyList<EmulatorRequestLog> Requests => RequestLog.Snapshot();

    /// <summary>Total number of requests answered since start (or since <see cref="ClearRequests"/>).</summary>
    public long TotalRequests => RequestLog.Total;

    /// <summary>Webhook deliveries attempted so far (oldest first).</summary>
    public IReadOnlyList<EmulatorWebhookDelivery> WebhookDeliveries => Webhooks.Deliveries;

    internal DataStore Store { get; }
    internal TokenService Tokens { get; }
    internal RateLimiter RateLimiter { get; }
    internal RequestLogBuffer RequestLog { get; }
    internal WebhookDispatcher Webhooks { get; }
    internal RequestProcessor Processor { get; }
    internal SignedUrls SignedUrls { get; }
    internal TimeProvider Time => Options.TimeProvider;
    internal long NowMs => Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
    internal string BaseUrl => Options.BaseAddress.GetLeftPart(UriPartial.Authority) + "/";

    /// <summary>Creates a handler that answers in-process (no sockets): <c>new HttpClient(emulator.CreateHandler()) { BaseAddress = emulator.BaseAddress }</c>.</summary>
    /// <returns>A new handler; dispose it with its client.</returns>
    public HttpMessageHandler CreateHandler() => new InProcessHandler(this);

    /// <summary>Starts Kestrel on 127.0.0.1; the returned server's <see cref="EmulatorServer.BaseAddress"/> is the address to call.</summary>
    /// <param name="port">The port, or 0 for any free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public async Task<EmulatorServer> StartServerAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var server = await EmulatorServer.StartAsync(this, port, cancellationToken).ConfigureAwait(false);
        lock (_servers)
        {
            _servers.Add(server);
        }

        return server;
    }

    /// <summary>Issues OAuth tokens for a user directly (as if the user had approved the first client).</summary>
    /// <param name="userId">The user.</param>
    /// <param name="scope">Space-separated scopes; a default set when null.</param>
    /// <returns>The tokens.</returns>
    public EmulatorTokens IssueTokens(string userId, string? scope = null)
    {
        var user = FindUser(userId);
        var clientId = Options.Clients.Count > 0 ? Options.Clients[0].ClientId : "emulator-client";
        var issued = Tokens.IssueForUser(user, clientId, scope ?? OAuthEndpoints.DefaultScope, NowMs);
        return new EmulatorTokens(issued.AccessToken, issued.RefreshToken!, DateTimeOffset.FromUnixTimeMilliseconds(issued.ExpiresMs));
    }

    /// <summary>Creates a <c>cv_pat_...</c> personal access token, accepted as Bearer.</summary>
    /// <param name="userId">The user.</param>
    /// <returns>The token.</returns>
    public string CreatePersonalAccessToken(string userId) => Tokens.CreatePersonalAccessToken(FindUser(userId));

    /// <summary>Creates an API key, accepted in the <c>x-api-key</c> header.</summary>
    /// <param name="userId">The user.</param>
    /// <returns>The key.</returns>
    public string CreateApiKey(string userId) => Tokens.CreateApiKey(FindUser(userId));

    /// <summary>Makes an access token expire now (the next call with it gets 401 "jwt expired").</summary>
    /// <param name="accessToken">The token.</param>
    public void ExpireAccessToken(string accessToken)
    {
        if (!Tokens.ExpireAccessToken(accessToken, NowMs))
        {
            throw new KeyNotFoundException("Unknown access token.");
        }
    }

    /// <summary>Revokes a refresh token (the next refresh with it gets <c>invalid_grant</c>).</summary>
    /// <param name="refreshToken">The token.</param>
    public void RevokeRefreshToken(string refreshToken)
    {
        if (!Tokens.RevokeRefreshToken(refreshToken))
        {
            throw new KeyNotFoundException("Unknown refresh token.");
        }
    }

    /// <summary>Subscribes a user's webhook URL to events (all events when none are given), as <c>POST /apps/{client_id}/subscribe</c> does.</summary>
    /// <param name="userId">The subscribing user.</param>
    /// <param name="url">The webhook URL.</param>
    /// <param name="events">Event names such as <c>message.finished</c>, or patterns such as <c>message.*</c>.</param>
    /// <returns>The subscription id.</returns>
    public string SubscribeWebhook(string userId, Uri url, params string[] events)
    {
        ArgumentNullException.ThrowIfNull(url);
        var user = FindUser(userId);
        var clientId = Options.Clients.Count > 0 ? Options.Clients[0].ClientId : "emulator-client";
        lock (Store.Sync)
        {
            return Webhooks.Subscribe(user, clientId, url.ToString(), events ?? []).Id;
        }
    }

    /// <summary>Removes a webhook subscription.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <returns>True when it existed.</returns>
    public bool UnsubscribeWebhook(string subscriptionId)
    {
        lock (Store.Sync)
        {
            return Store.Subscriptions.RemoveAll(s => s.Id == subscriptionId) > 0;
        }
    }

    /// <summary>Waits until every webhook raised so far has been delivered (or has failed).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the queue is empty.</returns>
    public Task FlushWebhooksAsync(CancellationToken cancellationToken = default) => Webhooks.FlushAsync(cancellationToken);

    /// <summary>Forgets the request log.</summary>
    public void ClearRequests() => RequestLog.Clear();

    /// <summary>Stops servers started by <see cref="StartServerAsync"/> and the webhook sender.</summary>
    /// <returns>A task that completes when everything is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        EmulatorServer[] servers;
        lock (_servers)
        {
            servers = [.. _servers];
            _servers.Clear();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        await Webhooks.DisposeAsync().ConfigureAwait(false);
    }

    internal UserRecord FindUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (Store.Sync)
        {
            return Store.UsersById.TryGetValue(userId, out var user) ? user : throw new KeyNotFoundException($"Unknown user '{userId}'.");
        }
    }
}
