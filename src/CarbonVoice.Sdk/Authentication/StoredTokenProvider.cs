using System.Collections.Concurrent;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk;

/// <summary>
/// The OAuth <see cref="IAccessTokenProvider"/>: reads tokens from an <see cref="ITokenStore"/>, refreshes them
/// <see cref="CarbonVoiceOptions.TokenRefreshBuffer"/> before they expire and after a 401, and runs at most one
/// refresh at a time per connection. Inside the refresh lock it re-reads the store first, so a refresh made by
/// another caller or another instance is reused instead of repeated. A refused refresh token surfaces as
/// <see cref="CarbonVoiceTokenExpiredException"/>.
/// </summary>
public sealed class StoredTokenProvider : IAccessTokenProvider
{
    private readonly ITokenStore _store;
    private readonly IOAuthClient _oauth;
    private readonly IOptionsMonitor<CarbonVoiceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refusedRefreshTokens = new(StringComparer.Ordinal);

    /// <summary>Creates the provider.</summary>
    /// <param name="store">Where tokens are kept.</param>
    /// <param name="oauth">The OAuth client that refreshes tokens.</param>
    /// <param name="options">The SDK options (refresh buffer).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">A logger; tokens are never logged.</param>
    public StoredTokenProvider(ITokenStore store, IOAuthClient oauth, IOptionsMonitor<CarbonVoiceOptions> options, TimeProvider? timeProvider = null, ILogger<StoredTokenProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(oauth);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _oauth = oauth;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Creates the provider with fixed options (scripts and tests without dependency injection).</summary>
    /// <param name="store">Where tokens are kept.</param>
    /// <param name="oauth">The OAuth client that refreshes tokens.</param>
    /// <param name="options">The SDK options (refresh buffer).</param>
    /// <param name="timeProvider">The clock.</param>
    public StoredTokenProvider(ITokenStore store, IOAuthClient oauth, CarbonVoiceOptions options, TimeProvider? timeProvider = null)
        : this(store, oauth, new StaticOptionsMonitor<CarbonVoiceOptions>(options ?? throw new ArgumentNullException(nameof(options))), timeProvider)
    {
    }

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var token = await _store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false)
            ?? throw new CarbonVoiceAuthenticationException($"No Carbon Voice token is stored for connection '{connectionId}'; complete the OAuth flow first.");
        if (!NeedsRefresh(token))
        {
            return token.AccessToken;
        }

        var refreshed = await RefreshAsync(connectionId, token.AccessToken, cancellationToken).ConfigureAwait(false);
        return refreshed.AccessToken;
    }

    /// <inheritdoc />
    public async ValueTask<string> RefreshAccessTokenAsync(string connectionId, string rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var refreshed = await RefreshAsync(connectionId, rejectedAccessToken, cancellationToken).ConfigureAwait(false);
        return refreshed.AccessToken;
    }

    private bool NeedsRefresh(CarbonVoiceToken token) => token.NeedsRefresh(_options.CurrentValue.TokenRefreshBuffer, _time.GetUtcNow());

    private async Task<CarbonVoiceToken> RefreshAsync(string connectionId, string staleAccessToken, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(connectionId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task<CarbonVoiceToken> refresh;
        try
        {
            refresh = RefreshHoldingGateAsync(connectionId, staleAccessToken, gate);
        }
        catch
        {
            gate.Release();
            throw;
        }

        // A caller that gives up only stops waiting: the refresh itself runs to the end and stores its result,
        // because the server has already rotated the refresh token once it answered.
        return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CarbonVoiceToken> RefreshHoldingGateAsync(string connectionId, string staleAccessToken, SemaphoreSlim gate)
    {
        try
        {
            using var budget = new CancellationTokenSource(_options.CurrentValue.Timeout, _time);
            var cancellationToken = budget.Token;
            var current = await _store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false)
                ?? throw new CarbonVoiceAuthenticationException($"No Carbon Voice token is stored for connection '{connectionId}'; complete the OAuth flow first.");
            if (!string.Equals(current.AccessToken, staleAccessToken, StringComparison.Ordinal) && !current.ExpiresWithin(TimeSpan.Zero, _time.GetUtcNow()))
            {
                Log.TokenAlreadyRefreshed(_logger, connectionId);
                return current;
            }

            if (string.IsNullOrEmpty(current.RefreshToken))
            {
                throw new CarbonVoiceTokenExpiredException($"The access token of connection '{connectionId}' expired and there is no refresh token; the user must authorize again.", connectionId);
            }

            if (_refusedRefreshTokens.TryGetValue(connectionId, out var refused) && string.Equals(refused, current.RefreshToken, StringComparison.Ordinal))
            {
                throw new CarbonVoiceTokenExpiredException($"The refresh token of connection '{connectionId}' was refused; the user must authorize again.", connectionId);
            }

            Log.RefreshingToken(_logger, connectionId);
            CarbonVoiceTelemetry.TokenRefreshes.Add(1);
            CarbonVoiceToken refreshed;
            try
            {
                refreshed = await _oauth.RefreshTokenAsync(current.RefreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (CarbonVoiceTokenExpiredException exception)
            {
                Log.RefreshTokenRejected(_logger, connectionId);
                _refusedRefreshTokens[connectionId] = current.RefreshToken;
                throw new CarbonVoiceTokenExpiredException(
                    $"The refresh token of connection '{connectionId}' was refused ({exception.ErrorCode ?? "invalid_grant"}); the user must authorize again.",
                    connectionId,
                    new CarbonVoiceErrorDetails(exception.StatusCode, exception.Endpoint, exception.RequestId, exception.ErrorMessage, exception.ErrorCode, exception.ResponseBodyExcerpt));
            }

            if (string.IsNullOrEmpty(refreshed.RefreshToken))
            {
                refreshed = refreshed with { RefreshToken = current.RefreshToken };
            }

            await _store.SetAsync(connectionId, refreshed, cancellationToken).ConfigureAwait(false);
            _refusedRefreshTokens.TryRemove(connectionId, out _);
            return refreshed;
        }
        finally
        {
            gate.Release();
        }
    }
}
