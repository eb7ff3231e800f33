using CarbonVoice.Sdk.EndToEnd.Tests.Support;

namespace CarbonVoice.Sdk.EndToEnd.Tests;

/// <summary>Refreshes against the emulator's rotating refresh tokens: no rotated token is ever lost or reused.</summary>
public sealed class TokenDurabilityTests
{
    private const string ConnectionId = "connector-7";

    [Fact]
    public async Task A_sixty_second_store_outage_during_a_refresh_loses_no_token_and_the_next_refresh_uses_the_rotated_one()
    {
        await using var h = new Harness();
        var first = h.IssueToken();
        var inner = new InMemoryTokenStore();
        await inner.SetAsync(ConnectionId, first);
        var store = new OutageTokenStore(inner, h.Clock);
        using var provider = Provider(h, store);
        using var client = ClientOf(h, provider);

        // The access token is refused, so the SDK refreshes (rt-1 → rt-2); the store goes down for 60 s of fake time
        // right when the refreshed token is written.
        store.OutageOnNextWrite = TimeSpan.FromSeconds(60);
        h.Emulator.ExpireAccessToken(first.AccessToken);
        Assert.Equal(h.User.Id, (await h.Clock.DriveAsync(client.Users.WhoAmIAsync(), TimeSpan.Zero)).Id);
        var second = await Clock.NoAdvance(provider.GetAccessTokenAsync(ConnectionId).AsTask());
        Assert.NotEqual(first.AccessToken, second);

        // Still down: requests keep working with the in-memory token, and a second refresh uses rt-2, not the stored rt-1.
        h.Emulator.ExpireAccessToken(second);
        Assert.Equal(h.User.Id, (await h.Clock.DriveAsync(client.Users.WhoAmIAsync(), TimeSpan.Zero)).Id);
        var third = await Clock.NoAdvance(provider.GetAccessTokenAsync(ConnectionId).AsTask());
        Assert.NotEqual(second, third);
        Assert.Equal(first.RefreshToken, (await inner.GetAsync(ConnectionId))!.RefreshToken); // nothing written yet

        // The write is retried on the clock (1 s, doubling, at most 30 s) until the store is back.
        await h.Clock.DriveAsync(UntilStoredAsync(inner, third), TimeSpan.FromSeconds(31));
        Assert.True(h.Clock.GetUtcNow() >= store.DownUntil, "the write landed only after the outage");
        var stored = (await inner.GetAsync(ConnectionId))!;
        Assert.Equal(third, stored.AccessToken);
        Assert.NotEqual(first.RefreshToken, stored.RefreshToken);
        Assert.True(store.Failures >= 5, $"{store.Failures} failed store calls");

        // The next refresh sends the stored (rotated) refresh token and is accepted; the server never refused one.
        h.Emulator.ExpireAccessToken(third);
        Assert.Equal(h.User.Id, (await h.Clock.DriveAsync(client.Users.WhoAmIAsync(), TimeSpan.Zero)).Id);
        var tokenCalls = h.RequestsTo("POST", "/oauth/token");
        Assert.Equal(3, tokenCalls.Count);
        Assert.All(tokenCalls, r => Assert.Equal(200, r.Status));
        Assert.NotEqual(stored.RefreshToken, (await inner.GetAsync(ConnectionId))!.RefreshToken);
    }

    [Fact]
    public async Task Two_providers_refreshing_one_connection_over_one_store_both_end_with_the_winners_token()
    {
        await using var h = new Harness();
        var token = h.IssueToken() with { ExpiresAt = Harness.Start.AddMinutes(-1) };
        var shared = new RotationSignallingStore(new InMemoryTokenStore(), token.RefreshToken!);
        await shared.SetAsync(ConnectionId, token);

        // The loser hears of its refusal once the winner's token is stored: its re-reads of the store (at once, after
        // 0.5 s and 2 s of the driven clock) then find it, however the threads are scheduled.
        var barrier = new RefreshBarrier(2) { RefusalsWaitFor = shared.Rotated };
        using var workerA = Provider(h, shared, barrier);
        using var workerB = Provider(h, shared, barrier);

        // Both workers read the expired token and send the same refresh token: the server rotates it for one of them.
        var both = await h.Clock.DriveAsync(Task.WhenAll(
            workerA.GetAccessTokenAsync(ConnectionId).AsTask(),
            workerB.GetAccessTokenAsync(ConnectionId).AsTask()));

        var tokenCalls = h.RequestsTo("POST", "/oauth/token");
        Assert.Equal(2, tokenCalls.Count);
        Assert.Single(tokenCalls, r => r.Status == 200); // exactly one winner
        Assert.Single(tokenCalls, r => r.Status == 400); // the loser's invalid_grant, recovered from the store
        var stored = (await shared.GetAsync(ConnectionId))!;
        Assert.Equal(stored.AccessToken, both[0]);
        Assert.Equal(stored.AccessToken, both[1]);
        Assert.NotEqual(token.RefreshToken, stored.RefreshToken);

        // Neither marked the connection expired: both keep working, and the stored refresh token is the current one.
        Assert.Equal(h.User.Id, (await ClientOf(h, workerB).Users.WhoAmIAsync()).Id);
        h.Emulator.ExpireAccessToken(stored.AccessToken);
        Assert.Equal(h.User.Id, (await h.Clock.DriveAsync(ClientOf(h, workerA).Users.WhoAmIAsync(), TimeSpan.Zero)).Id);
        Assert.Equal(2, h.RequestsTo("POST", "/oauth/token").Count(r => r.Status == 200));
    }

    [Fact]
    public async Task A_refresh_token_revoked_for_real_still_surfaces_as_expired_after_the_re_reads()
    {
        await using var h = new Harness();
        var token = h.IssueToken() with { ExpiresAt = Harness.Start.AddMinutes(-1) };
        var store = new InMemoryTokenStore();
        await store.SetAsync(ConnectionId, token);
        using var provider = Provider(h, store);
        h.Emulator.RevokeRefreshToken(token.RefreshToken!);

        var start = h.Clock.GetUtcNow();
        var error = await Assert.ThrowsAsync<CarbonVoiceTokenExpiredException>(() => h.Clock.DriveAsync(provider.GetAccessTokenAsync(ConnectionId).AsTask()));

        Assert.Equal(ConnectionId, error.ConnectionId);
        Assert.Equal(TimeSpan.FromSeconds(2), h.Clock.GetUtcNow() - start); // re-read at once, after 0.5 s and after 2 s
        Assert.Single(h.RequestsTo("POST", "/oauth/token"));
    }

    private static StoredTokenProvider Provider(Harness h, ITokenStore store, RefreshBarrier? barrier = null)
    {
        var options = h.Options();
        var oauthOwner = h.Client(new StaticAccessTokenProvider("unused"));
        IOAuthClient oauth = barrier is null ? oauthOwner.OAuth : new BarrierOAuthClient(oauthOwner.OAuth, barrier);
        return new StoredTokenProvider(store, oauth, new FixedOptionsMonitor<CarbonVoiceOptions>(options), h.Clock);
    }

    private static CarbonVoiceClient ClientOf(Harness h, StoredTokenProvider provider)
        => new(h.Options(), provider, h.Emulator.CreateHandler(), ConnectionId, h.Clock);

    /// <summary>A token store that tells when a token with another refresh token than the first one is written.</summary>
    private sealed class RotationSignallingStore(ITokenStore inner, string firstRefreshToken) : ITokenStore
    {
        private readonly TaskCompletionSource _rotated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Rotated => _rotated.Task;

        public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default) => inner.GetAsync(connectionId, cancellationToken);

        public async Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default)
        {
            await inner.SetAsync(connectionId, token, cancellationToken);
            Signal(token);
        }

        public async Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
        {
            var written = await inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);
            if (written)
            {
                Signal(token);
            }

            return written;
        }

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);

        private void Signal(CarbonVoiceToken token)
        {
            if (token.RefreshToken != firstRefreshToken)
            {
                _rotated.TrySetResult();
            }
        }
    }

    private static async Task UntilStoredAsync(ITokenStore store, string accessToken)
    {
        while ((await store.GetAsync(ConnectionId))?.AccessToken != accessToken)
        {
            await Task.Delay(1);
        }
    }
}
