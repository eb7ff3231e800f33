using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>
/// A refused refresh token while another process refreshed the connection first: the store is re-read at once, after
/// 0.5 s and after 2 s (on the fake clock), and a token with another refresh token found there is used.
/// </summary>
public sealed class RefreshedElsewhereTests
{
    private const string Connection = "c1";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(5);
    private readonly TrackingTimeProvider _time = new(Start);
    private readonly InMemoryTokenStore _inner = new();

    [Fact]
    public async Task A_valid_token_written_by_the_other_process_before_the_refusal_is_used_at_once()
    {
        await Store("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var oauth = new ScriptedOAuth(_time, refused: "rt-old", beforeRefusal: () => Store("at-other", "rt-other", TimeSpan.FromHours(1)));
        using var provider = Provider(new ScriptedReads(_inner), oauth);

        var access = await _time.AdvanceUntilCompletedAsync(provider.GetAccessTokenAsync(Connection).AsTask(), Horizon);

        Assert.Equal("at-other", access);
        Assert.Equal(["rt-old"], oauth.Refreshed);
        Assert.Equal(Start, _time.GetUtcNow());
        Assert.Equal(0, provider.RememberedRefusalCount);
    }

    [Fact]
    public async Task A_token_that_appears_at_the_half_second_recheck_is_used()
    {
        await Store("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var reads = new ScriptedReads(_inner);
        reads.OnRead(4, () => Store("at-other", "rt-other", TimeSpan.FromHours(1))); // the call, the lock's re-read, the recheck at 0 s, then this one
        using var provider = Provider(reads, new ScriptedOAuth(_time, refused: "rt-old"));

        var access = await _time.AdvanceUntilCompletedAsync(provider.GetAccessTokenAsync(Connection).AsTask(), Horizon);

        Assert.Equal("at-other", access);
        Assert.Equal(TimeSpan.FromMilliseconds(500), _time.GetUtcNow() - Start);
    }

    [Fact]
    public async Task Without_a_newer_token_the_store_is_read_three_times_over_two_seconds_then_the_refusal_surfaces()
    {
        await Store("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var reads = new ScriptedReads(_inner);
        using var provider = Provider(reads, new ScriptedOAuth(_time, refused: "rt-old"));

        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _time.AdvanceUntilCompletedAsync(provider.GetAccessTokenAsync(Connection).AsTask(), Horizon));

        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - Start);
        Assert.Equal(2 + 3, reads.Count); // the call and the lock's re-read, then the three rechecks
        Assert.Equal(1, provider.RememberedRefusalCount);
    }

    [Fact]
    public async Task A_connection_removed_meanwhile_surfaces_the_refusal_without_waiting()
    {
        await Store("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var oauth = new ScriptedOAuth(_time, refused: "rt-old", beforeRefusal: () => _inner.RemoveAsync(Connection));
        using var provider = Provider(new ScriptedReads(_inner), oauth);

        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _time.AdvanceUntilCompletedAsync(provider.GetAccessTokenAsync(Connection).AsTask(), Horizon));

        Assert.Equal(Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task An_expired_token_written_by_the_other_process_is_refreshed_with_its_own_refresh_token()
    {
        await Store("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var oauth = new ScriptedOAuth(_time, refused: "rt-old", beforeRefusal: () => Store("at-other", "rt-other", TimeSpan.FromMinutes(-1)));
        using var provider = Provider(new ScriptedReads(_inner), oauth);

        var access = await _time.AdvanceUntilCompletedAsync(provider.GetAccessTokenAsync(Connection).AsTask(), Horizon);

        Assert.Equal("at-from-rt-other", access);
        Assert.Equal(["rt-old", "rt-other"], oauth.Refreshed);
        Assert.Equal("at-from-rt-other", (await _inner.GetAsync(Connection))!.AccessToken);
    }

    [Fact]
    public async Task When_the_other_processes_token_is_refused_too_the_store_is_not_rechecked_again()
    {
        await Store("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var reads = new ScriptedReads(_inner);
        var oauth = new ScriptedOAuth(_time, refused: "*", beforeRefusal: () => reads.Count < 4 ? Store("at-other", "rt-other", TimeSpan.FromMinutes(-1)) : Task.CompletedTask);
        using var provider = Provider(reads, oauth);

        await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => _time.AdvanceUntilCompletedAsync(provider.GetAccessTokenAsync(Connection).AsTask(), Horizon));

        Assert.Equal(["rt-old", "rt-other"], oauth.Refreshed);
        Assert.Equal(Start, _time.GetUtcNow());
    }

    private StoredTokenProvider Provider(ITokenStore store, IOAuthClient oauth)
        => new(store, oauth, new StaticOptionsMonitor<CarbonVoiceOptions>(TestClients.Options()), _time);

    private Task Store(string access, string refresh, TimeSpan expiresIn)
        => _inner.SetAsync(Connection, new CarbonVoiceToken { AccessToken = access, RefreshToken = refresh, ExpiresAt = _time.GetUtcNow() + expiresIn });

    /// <summary>Counts the reads and runs an action right before a given read.</summary>
    private sealed class ScriptedReads(ITokenStore inner) : ITokenStore
    {
        private readonly Dictionary<int, Func<Task>> _before = [];

        public int Count { get; private set; }

        public void OnRead(int read, Func<Task> action) => _before[read] = action;

        public async Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
        {
            Count++;
            if (_before.Remove(Count, out var action))
            {
                await action();
            }

            return await inner.GetAsync(connectionId, cancellationToken);
        }

        public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default) => inner.SetAsync(connectionId, token, cancellationToken);

        public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default) => inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);
    }

    /// <summary>Refuses one refresh token (or every one, "*"), running an action first; issues "at-from-{refresh token}" otherwise.</summary>
    private sealed class ScriptedOAuth(TimeProvider time, string refused, Func<Task>? beforeRefusal = null) : IOAuthClient
    {
        public List<string> Refreshed { get; } = [];

        public async Task<CarbonVoiceToken> RefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
        {
            Refreshed.Add(refreshToken);
            if (refused == "*" || refreshToken == refused)
            {
                if (beforeRefusal is not null)
                {
                    await beforeRefusal();
                }

                throw new CarbonVoiceTokenExpiredException("refused", null);
            }

            return new CarbonVoiceToken { AccessToken = "at-from-" + refreshToken, RefreshToken = refreshToken + "-next", ExpiresAt = time.GetUtcNow().AddHours(1) };
        }

        public Task<AuthorizationServerMetadata> GetServerMetadataAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<AuthorizationRequest> CreateAuthorizationRequestAsync(string state, AuthorizationRequestOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CarbonVoiceToken> ExchangeCodeAsync(string code, string? codeVerifier, Uri? redirectUri = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RevokeTokenAsync(string token, string? tokenTypeHint = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<UserInfo> GetUserInfoAsync(string accessToken, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
