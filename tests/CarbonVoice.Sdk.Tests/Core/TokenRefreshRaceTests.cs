using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>Writers that interleave with refreshes (webhooks marking a token expired) never bring back a rotated refresh token.</summary>
public sealed class TokenRefreshRaceTests
{
    private static readonly TimeSpan RecheckHorizon = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Three_hundred_concurrent_expiry_marks_during_repeated_refreshes_keep_the_current_refresh_token()
    {
        using var h = new TokenHarness();
        var server = new RotatingTokenEndpoint(h.Mock, "rt-0");
        await h.StoreTokenAsync("at-0", "rt-0", TimeSpan.FromHours(1));

        var marks = Enumerable.Range(0, 300).Select(_ => Task.Run(() => h.Store.TryExpireAccessTokenAsync(TokenHarness.ConnectionId, h.Time.GetUtcNow()))).ToList();
        var refreshes = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                var current = (await h.Store.GetAsync(TokenHarness.ConnectionId))!;
                await h.Provider.RefreshAccessTokenAsync(TokenHarness.ConnectionId, current.AccessToken);
                await Task.Yield();
            }
        });
        await h.Time.AdvanceUntilCompletedAsync(Task.WhenAll([.. marks, refreshes]), RecheckHorizon);

        Assert.Equal(0, server.Refused);
        Assert.True(server.Issued >= 30, $"{server.Issued} refreshes");
        var stored = (await h.Store.GetAsync(TokenHarness.ConnectionId))!;
        Assert.Equal(server.CurrentRefreshToken, stored.RefreshToken);

        // And the connection keeps working: the next refresh is accepted.
        await h.Provider.RefreshAccessTokenAsync(TokenHarness.ConnectionId, stored.AccessToken);
        Assert.Equal(0, server.Refused);
    }

    [Fact]
    public async Task An_expiry_mark_between_the_refresh_and_its_write_does_not_lose_the_rotated_token()
    {
        var inner = new InMemoryTokenStore();
        var store = new InterleavingStore(inner);
        using var h = new TokenHarness(store: store);
        _ = new RotatingTokenEndpoint(h.Mock, "rt-0");
        await h.StoreTokenAsync("at-0", "rt-0", TimeSpan.FromHours(1));
        store.BeforeFirstConditionalWrite = async () => Assert.True(await inner.TryExpireAccessTokenAsync(TokenHarness.ConnectionId, h.Time.GetUtcNow()));

        // A 401 made the SDK refresh; the access_token.expired webhook marks the old token while the refresh is answered.
        Assert.Equal("at-1", await h.Provider.RefreshAccessTokenAsync(TokenHarness.ConnectionId, "at-0"));

        var stored = (await inner.GetAsync(TokenHarness.ConnectionId))!;
        Assert.Equal("rt-1", stored.RefreshToken);
        Assert.Equal("at-1", stored.AccessToken);
        Assert.True(stored.ExpiresAt > h.Time.GetUtcNow());
        Assert.Equal(2, store.ConditionalWrites); // the first lost to the mark, the second replaced the marked token
    }

    [Fact]
    public async Task A_token_stored_by_a_new_authorization_during_a_refresh_is_kept()
    {
        var inner = new InMemoryTokenStore();
        var store = new InterleavingStore(inner);
        using var h = new TokenHarness(store: store);
        _ = new RotatingTokenEndpoint(h.Mock, "rt-0");
        await h.StoreTokenAsync("at-0", "rt-0", TimeSpan.FromMinutes(-1));
        store.BeforeFirstConditionalWrite = () => inner.SetAsync(TokenHarness.ConnectionId, new CarbonVoiceToken { AccessToken = "at-reauthorized", RefreshToken = "rt-reauthorized", ExpiresAt = h.Time.GetUtcNow().AddHours(1) });
        h.ApiAnswersOk();

        await h.Client.Workspaces.GetAsync("w1");

        Assert.Equal("rt-reauthorized", (await inner.GetAsync(TokenHarness.ConnectionId))!.RefreshToken);
    }

    [Fact]
    public async Task Expiring_a_token_that_was_replaced_meanwhile_changes_nothing()
    {
        var inner = new InMemoryTokenStore();
        var store = new InterleavingStore(inner);
        var now = TokenHarness.Start;
        await inner.SetAsync("c1", new CarbonVoiceToken { AccessToken = "at-0", RefreshToken = "rt-0", ExpiresAt = now.AddHours(1) });
        store.BeforeFirstConditionalWrite = () => inner.SetAsync("c1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1", ExpiresAt = now.AddHours(1) });

        Assert.False(await store.TryExpireAccessTokenAsync("c1", now));

        var stored = (await inner.GetAsync("c1"))!;
        Assert.Equal("rt-1", stored.RefreshToken);
        Assert.Equal(now.AddHours(1), stored.ExpiresAt);
    }

    [Fact]
    public async Task Expiring_marks_the_stored_token_and_an_expired_one_is_not_rewritten()
    {
        var store = new CountingTokenStore(new InMemoryTokenStore());
        var now = TokenHarness.Start;
        await store.SetAsync("c1", new CarbonVoiceToken { AccessToken = "at-0", RefreshToken = "rt-0", ExpiresAt = now.AddHours(1) });

        Assert.True(await store.TryExpireAccessTokenAsync("c1", now));
        Assert.True(await store.TryExpireAccessTokenAsync("c1", now));
        Assert.False(await store.TryExpireAccessTokenAsync("unknown", now));

        Assert.Equal(now, (await store.GetAsync("c1"))!.ExpiresAt);
        Assert.Equal(2, store.Writes); // the set and one mark; the second mark found it expired already
    }

    [Fact]
    public async Task Per_connection_locks_are_released_after_use()
    {
        using var h = new TokenHarness();
        h.TokenEndpointAnswers(TokenJson.Token("at-new", "rt-new"));
        var ids = Enumerable.Range(0, 300).Select(i => "conn-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            await h.Store.SetAsync(id, new CarbonVoiceToken { AccessToken = "at-old", RefreshToken = "rt-old", ExpiresAt = h.Time.GetUtcNow().AddMinutes(-1) });
        }

        await Task.WhenAll(ids.Select(id => Task.Run(async () => await h.Provider.GetAccessTokenAsync(id))));

        Assert.Equal(300, h.TokenRequests);
        Assert.Equal(0, h.Provider.LockCount);
        Assert.Equal(0, h.Provider.PendingWriteCount);
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_waiting_for_the_lock_releases_its_entry()
    {
        using var h = new TokenHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Mock.When(HttpMethod.Post, TestClients.Url("oauth/token")).Respond(async () =>
        {
            await release.Task;
            return Responses.Json(System.Net.HttpStatusCode.OK, TokenJson.Token("at-new", "rt-new"));
        });
        await h.StoreTokenAsync("at-old", "rt-old", TimeSpan.FromMinutes(-1));
        var first = h.Provider.GetAccessTokenAsync(TokenHarness.ConnectionId).AsTask();
        await TimeDriver.YieldUntilAsync(() => h.TokenRequests == 1, "the refresh to start");
        using var giveUp = new CancellationTokenSource();
        var second = h.Provider.GetAccessTokenAsync(TokenHarness.ConnectionId, giveUp.Token).AsTask();
        await TimeDriver.YieldUntilAsync(() => h.Provider.LockCount == 1, "the second caller to wait");

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        release.SetResult();
        Assert.Equal("at-new", await first);

        Assert.Equal(0, h.Provider.LockCount);
    }

    /// <summary>Runs an action right before the first conditional write (as if another writer got in between the read and the write).</summary>
    private sealed class InterleavingStore(ITokenStore inner) : ITokenStore
    {
        private int _conditionalWrites;

        public Func<Task>? BeforeFirstConditionalWrite { get; set; }

        public int ConditionalWrites => Volatile.Read(ref _conditionalWrites);

        public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default) => inner.GetAsync(connectionId, cancellationToken);

        public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default) => inner.SetAsync(connectionId, token, cancellationToken);

        public async Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _conditionalWrites) == 1 && BeforeFirstConditionalWrite is { } interleave)
            {
                await interleave();
            }

            return await inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);
        }

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);
    }
}
