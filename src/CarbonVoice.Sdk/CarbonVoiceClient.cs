using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk;

/// <summary>
/// The Carbon Voice client of one connection. With dependency injection, get it from
/// <see cref="ICarbonVoiceClientFactory"/> (or inject <see cref="ICarbonVoiceClient"/> for the default connection);
/// without it, construct it directly for scripts and tests:
/// <code>using var client = new CarbonVoiceClient(options, new StaticAccessTokenProvider(token));</code>
/// </summary>
public class CarbonVoiceClient : ICarbonVoiceClient, IDisposable
{
    /// <summary>The connection id used when none is given (personal access tokens, API keys, single-user scripts).</summary>
    public const string DefaultConnectionId = "default";

    private readonly IRateLimitState _rateLimits;
    private readonly List<IDisposable> _owned = [];

    /// <summary>For mocking.</summary>
    protected CarbonVoiceClient()
    {
        _rateLimits = new RateLimitTracker();
        ConnectionId = DefaultConnectionId;
        OAuth = null!;
        Workspaces = null!;
        Conversations = null!;
        Messages = null!;
        CarbonLinks = null!;
        Users = null!;
        ActionItems = null!;
        DataExports = null!;
        ShareLinks = null!;
        Reactions = null!;
        Attachments = null!;
    }

    /// <summary>Creates a client without dependency injection.</summary>
    /// <param name="options">The SDK options; validated here.</param>
    /// <param name="tokenProvider">Supplies bearer tokens. Null in API-key mode, and in personal-access-token mode (the token of the options is used).</param>
    /// <param name="primaryHandler">
    /// The transport, for example the emulator's in-process handler; null for a real network connection (a
    /// <see cref="SocketsHttpHandler"/> that decompresses gzip, deflate and Brotli). Used as given: to read compressed
    /// answers through it, enable its <c>AutomaticDecompression</c>. Not disposed with the client.
    /// </param>
    /// <param name="connectionId">The connection whose token the provider supplies.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="loggerFactory">Loggers; none by default.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    public CarbonVoiceClient(CarbonVoiceOptions options, IAccessTokenProvider? tokenProvider = null, HttpMessageHandler? primaryHandler = null, string connectionId = DefaultConnectionId, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        Validate(options);
        var monitor = new StaticOptionsMonitor<CarbonVoiceOptions>(options);
        var time = timeProvider ?? TimeProvider.System;
        if (tokenProvider is null && options.AuthenticationMode == CarbonVoiceAuthenticationMode.PersonalAccessToken)
        {
            tokenProvider = new StaticAccessTokenProvider(options.PersonalAccessToken!);
        }

        if (tokenProvider is null && options.AuthenticationMode == CarbonVoiceAuthenticationMode.OAuth)
        {
            throw new ArgumentNullException(nameof(tokenProvider), "OAuth mode needs a token provider: a StoredTokenProvider over an ITokenStore, or a StaticAccessTokenProvider.");
        }

        var tracker = new RateLimitTracker();
        var oauthHttp = Own(new HttpClient(CarbonVoicePipeline.BuildOAuth(monitor, primaryHandler, time, loggerFactory)) { Timeout = Timeout.InfiniteTimeSpan });
        var apiHttp = Own(new HttpClient(CarbonVoicePipeline.BuildApi(monitor, tokenProvider, tracker, primaryHandler, time, loggerFactory)) { Timeout = Timeout.InfiniteTimeSpan });
        _rateLimits = tracker;
        ConnectionId = connectionId;
        OAuth = new OAuthClient(oauthHttp, monitor, time, loggerFactory?.CreateLogger<OAuthClient>());
        var connection = new CarbonVoiceConnection(apiHttp, monitor, connectionId, time);
        var areas = new AreaClients(connection);
        (Workspaces, Conversations, Messages, CarbonLinks, Users, ActionItems, DataExports) = (areas.Workspaces, areas.Conversations, areas.Messages, areas.CarbonLinks, areas.Users, areas.ActionItems, areas.DataExports);
        (ShareLinks, Reactions, Attachments) = (areas.ShareLinks, areas.Reactions, areas.Attachments);
    }

    /// <inheritdoc />
    public virtual string ConnectionId { get; }

    /// <inheritdoc />
    public virtual IOAuthClient OAuth { get; }

    /// <inheritdoc />
    public virtual IWorkspacesClient Workspaces { get; }

    /// <inheritdoc />
    public virtual IConversationsClient Conversations { get; }

    /// <inheritdoc />
    public virtual IMessagesClient Messages { get; }

    /// <inheritdoc />
    public virtual ICarbonLinksClient CarbonLinks { get; }

    /// <inheritdoc />
    public virtual IUsersClient Users { get; }

    /// <inheritdoc />
    public virtual IActionItemsClient ActionItems { get; }

    /// <inheritdoc />
    public virtual IDataExportsClient DataExports { get; }

    /// <inheritdoc />
    public virtual IShareLinksClient ShareLinks { get; }

    /// <inheritdoc />
    public virtual IReactionsClient Reactions { get; }

    /// <inheritdoc />
    public virtual IAttachmentsClient Attachments { get; }

    /// <inheritdoc />
    public virtual RateLimitInfo? RateLimit => _rateLimits.Get(ConnectionId);

    /// <summary>Disposes the HTTP clients this instance created (only when constructed without dependency injection).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes owned resources.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private static void Validate(CarbonVoiceOptions options)
    {
        var failures = new List<string>();
        foreach (var validator in new IValidateOptions<CarbonVoiceOptions>[] { new CarbonVoiceOptionsValidator(), new CarbonVoiceOptionsCustomValidator() })
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                failures.AddRange(result.Failures ?? []);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CarbonVoiceOptions), failures);
        }
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
