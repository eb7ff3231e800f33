using System.Collections.Concurrent;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk;

/// <summary>
/// The OAuth <see cref="IAccessTokenProvider"/>: reads tokens from an <see cref="ITokenStore"/>, refreshes them
/// <see cref="CarbonVoiceOptions.TokenRefreshBuffer"/> before they expire and after a 401, and runs at most one
/// refresh at a time per connection in this process. Inside the refresh lock it re-reads the store first, so a
/// refresh made by another caller or another instance is reused instead of repeated.
/// </summary>
/// <remarks>
/// <para>The refreshed token is written with <see cref="ITokenStore.TrySetAsync"/>, conditional on the version the
/// refresh was based on, so it never replaces a newer token (and a token merely marked expired meanwhile is
/// replaced, keeping the rotated refresh token).</para>
/// <para>When that write fails (the store is down), the server has already rotated the refresh token: the new token is
/// kept in memory for the connection, used by requests meanwhile (and by the next refresh), and its write is retried on
/// the <see cref="TimeProvider"/> with a backoff of 1 s doubling up to 30 s, logged as an error, until it lands or the
/// provider is disposed.</para>
/// <para>A refused refresh token (<c>invalid_grant</c>) first makes the provider re-read the store (at once, then after
/// 0.5 s and 2 s): when another process refreshed the connection meanwhile, its token is used. Only a refusal with no
/// newer token in the store surfaces as <see cref="CarbonVoiceTokenExpiredException"/>, and that refresh token is not
/// sent again.</para>
/// <para>Per-connection locks are released as soon as nobody uses them.</para>
/// </remarks>
public sealed class StoredTokenProvider : IAccessTokenProvider, IDisposable
{
    /// <summary>How many refused refresh tokens are remembered at most (one per connection).</summary>
    private const int MaxRememberedRefusals = 10_000;

    /// <summary>When the store is re-read after a refusal, counted from the refusal.</summary>
    private static readonly TimeSpan[] RefusalRechecks = [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)];

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly ITokenStore _store;
    private readonly IOAuthClient _oauth;
    private readonly IOptionsMonitor<CarbonVoiceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly KeyedLock _locks = new();
    private readonly ConcurrentDictionary<string, PendingTokenWrite> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refusedRefreshTokens = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();

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

    /// <summary>How many connections have a lock right now (held or waited for); for tests.</summary>
    internal int LockCount => _locks.Count;

    /// <summary>How many connections have a refreshed token that the store has not accepted yet; for tests.</summary>
    internal int PendingWriteCount => _pending.Count;

    /// <summary>How many refused refresh tokens are remembered; for tests.</summary>
    internal int RememberedRefusalCount => _refusedRefreshTokens.Count;

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        var token = await CurrentAsync(connectionId, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Stops the retries of unsaved tokens (each one left is logged as an error).</summary>
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        foreach (var connectionId in _pending.Keys)
        {
            TokenLog.PendingTokenAbandoned(_logger, connectionId);
        }
    }

    private bool NeedsRefresh(CarbonVoiceToken token) => token.NeedsRefresh(_options.CurrentValue.TokenRefreshBuffer, _time.GetUtcNow());

    /// <summary>The newest token of the connection: the unsaved refreshed one, else the stored one.</summary>
    private async Task<CarbonVoiceToken> CurrentAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (_pending.TryGetValue(connectionId, out var pending))
        {
            return pending.Token;
        }

        return await _store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false)
            ?? throw new CarbonVoiceAuthenticationException($"No Carbon Voice token is stored for connection '{connectionId}'; complete the OAuth flow first.");
    }

    private async Task<CarbonVoiceToken> RefreshAsync(string connectionId, string staleAccessToken, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var held = await _locks.AcquireAsync(connectionId, cancellationToken).ConfigureAwait(false);
        Task<CarbonVoiceToken> refresh;
        try
        {
            refresh = RefreshHoldingLockAsync(connectionId, staleAccessToken, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        // A caller that gives up only stops waiting: the refresh itself runs to the end and stores its result,
        // because the server has already rotated the refresh token once it answered.
        return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<CarbonVoiceToken> RefreshHoldingLockAsync(string connectionId, string staleAccessToken, IDisposable held)
    {
        using (held)
        {
            using var budget = new CancellationTokenSource(_options.CurrentValue.Timeout, _time);
            var cancellationToken = budget.Token;
            var current = await CurrentAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(current.AccessToken, staleAccessToken, StringComparison.Ordinal) && !current.ExpiresWithin(TimeSpan.Zero, _time.GetUtcNow()))
            {
                Log.TokenAlreadyRefreshed(_logger, connectionId);
                return current;
            }

            // A second pass when the store turns out to hold a token refreshed elsewhere that has expired as well.
            for (var pass = 0; ; pass++)
            {
                if (string.IsNullOrEmpty(current.RefreshToken))
                {
                    throw new CarbonVoiceTokenExpiredException($"The access token of connection '{connectionId}' expired and there is no refresh token; the user must authorize again.", connectionId);
                }

                if (_refusedRefreshTokens.TryGetValue(connectionId, out var refused))
                {
                    if (string.Equals(refused, current.RefreshToken, StringComparison.Ordinal))
                    {
                        throw new CarbonVoiceTokenExpiredException($"The refresh token of connection '{connectionId}' was refused; the user must authorize again.", connectionId);
                    }

                    _refusedRefreshTokens.TryRemove(connectionId, out _);
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
                    var newer = pass == 0 ? await FindNewerTokenAsync(connectionId, current.RefreshToken, cancellationToken).ConfigureAwait(false) : null;
                    if (newer is not null)
                    {
                        TokenLog.RefreshedElsewhere(_logger, connectionId);
                        if (!newer.ExpiresWithin(TimeSpan.Zero, _time.GetUtcNow()))
                        {
                            return newer;
                        }

                        current = newer;
                        continue;
                    }

                    Log.RefreshTokenRejected(_logger, connectionId);
                    RememberRefusal(connectionId, current.RefreshToken);
                    throw new CarbonVoiceTokenExpiredException(
                        $"The refresh token of connection '{connectionId}' was refused ({exception.ErrorCode ?? "invalid_grant"}); the user must authorize again.",
                        connectionId,
                        new CarbonVoiceErrorDetails(exception.StatusCode, exception.Endpoint, exception.RequestId, exception.ErrorMessage, exception.ErrorCode, exception.ResponseBodyExcerpt));
                }

                if (string.IsNullOrEmpty(refreshed.RefreshToken))
                {
                    refreshed = refreshed with { RefreshToken = current.RefreshToken };
                }

                await StoreRefreshedAsync(connectionId, current, refreshed, cancellationToken).ConfigureAwait(false);
                return refreshed;
            }
        }
    }

    /// <summary>
    /// After a refusal of <paramref name="refusedRefreshToken"/>: re-reads the store (now, then after short waits) for a
    /// token with another refresh token, written by another process that refreshed the connection first.
    /// </summary>
    private async Task<CarbonVoiceToken?> FindNewerTokenAsync(string connectionId, string refusedRefreshToken, CancellationToken cancellationToken)
    {
        if (_pending.ContainsKey(connectionId))
        {
            return null; // the refused token is this process's newest: nobody else can hold a newer one
        }

        var waited = TimeSpan.Zero;
        foreach (var at in RefusalRechecks)
        {
            if (at > waited)
            {
                await Task.Delay(at - waited, _time, cancellationToken).ConfigureAwait(false);
                waited = at;
            }

            var stored = await _store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return null;
            }

            if (!string.IsNullOrEmpty(stored.RefreshToken) && !string.Equals(stored.RefreshToken, refusedRefreshToken, StringComparison.Ordinal))
            {
                return stored;
            }
        }

        return null;
    }

    private void RememberRefusal(string connectionId, string refreshToken)
    {
        if (_refusedRefreshTokens.Count >= MaxRememberedRefusals)
        {
            _refusedRefreshTokens.Clear(); // bounded: forgetting only costs one more refused request per connection
        }

        _refusedRefreshTokens[connectionId] = refreshToken;
    }

    /// <summary>Writes a refreshed token conditionally; when the store fails, keeps it in memory and retries in the background. Runs under the connection's lock.</summary>
    private async Task StoreRefreshedAsync(string connectionId, CarbonVoiceToken basedOn, CarbonVoiceToken refreshed, CancellationToken cancellationToken)
    {
        var previous = _pending.TryGetValue(connectionId, out var existing) ? existing : null;
        var rotatedAway = previous is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(previous.RotatedAway, StringComparer.Ordinal);
        if (!string.Equals(basedOn.RefreshToken, refreshed.RefreshToken, StringComparison.Ordinal) && basedOn.RefreshToken is { } old)
        {
            rotatedAway.Add(old);
        }

        var write = new PendingTokenWrite(refreshed with { Version = null }, previous is null ? basedOn.Version : previous.ExpectedVersion, rotatedAway, previous?.FailedAttempts ?? 0);
        if (previous is not null)
        {
            // A retry loop is already running for this connection; it writes the newest token next time.
            _pending[connectionId] = write;
            return;
        }

        try
        {
            await WriteAsync(connectionId, write, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !_disposed.IsCancellationRequested)
        {
            _pending[connectionId] = write with { FailedAttempts = 1 };
            TokenLog.TokenWriteFailed(_logger, connectionId, FirstRetryDelay.TotalMilliseconds, exception);
            _ = RetryPendingWriteAsync(connectionId);
        }
    }

    /// <summary>
    /// The conditional write: on a conflict it re-reads; a stored token that still holds a refresh token rotated away
    /// is older than ours (for example one marked expired meanwhile) and is replaced; any other token is newer and kept.
    /// </summary>
    private async Task WriteAsync(string connectionId, PendingTokenWrite write, CancellationToken cancellationToken)
    {
        var expected = write.ExpectedVersion;
        while (!await _store.TrySetAsync(connectionId, write.Token, expected, cancellationToken).ConfigureAwait(false))
        {
            var stored = await _store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return; // the connection was disconnected meanwhile: do not bring its token back
            }

            if (string.Equals(stored.RefreshToken, write.Token.RefreshToken, StringComparison.Ordinal) && string.Equals(stored.AccessToken, write.Token.AccessToken, StringComparison.Ordinal))
            {
                return; // already there
            }

            if (stored.RefreshToken is null || !write.RotatedAway.Contains(stored.RefreshToken))
            {
                TokenLog.TokenSupersededByNewer(_logger, connectionId);
                return;
            }

            TokenLog.TokenWriteConflict(_logger, connectionId);
            expected = stored.Version;
        }
    }

    private async Task RetryPendingWriteAsync(string connectionId)
    {
        var delay = FirstRetryDelay;
        var stopping = _disposed.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
                using var held = await _locks.AcquireAsync(connectionId, stopping).ConfigureAwait(false);
                if (!_pending.TryGetValue(connectionId, out var write))
                {
                    return;
                }

                try
                {
                    using var timeout = new CancellationTokenSource(_options.CurrentValue.AttemptTimeout, _time);
                    using var budget = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
                    await WriteAsync(connectionId, write, budget.Token).ConfigureAwait(false);
                    _pending.TryRemove(connectionId, out _);
                    TokenLog.PendingTokenStored(_logger, connectionId, write.FailedAttempts);
                    return;
                }
                catch (Exception exception) when (!stopping.IsCancellationRequested)
                {
                    delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                    _pending[connectionId] = write with { FailedAttempts = write.FailedAttempts + 1 };
                    TokenLog.TokenWriteFailed(_logger, connectionId, delay.TotalMilliseconds, exception);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
