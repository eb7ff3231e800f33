namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The behaviour every <see cref="ITokenStore"/> must have; each store's test class derives from this.</summary>
public abstract class TokenStoreConformanceTests
{
    protected static readonly DateTimeOffset Expiry = new(2026, 3, 1, 13, 0, 0, 123, TimeSpan.Zero);

    protected abstract ITokenStore CreateStore();

    [Fact]
    public async Task A_stored_token_round_trips_with_every_field()
    {
        var store = CreateStore();
        var token = new CarbonVoiceToken
        {
            AccessToken = "at-1",
            RefreshToken = "rt-1",
            ExpiresAt = Expiry,
            Scopes = ["workspaces:read", "messages:read"],
            TokenType = "Bearer",
        };

        await store.SetAsync("conn-1", token);
        var read = await store.GetAsync("conn-1");

        Assert.NotNull(read);
        Assert.Equal("at-1", read.AccessToken);
        Assert.Equal("rt-1", read.RefreshToken);
        Assert.Equal(Expiry, read.ExpiresAt);
        Assert.Equal(["workspaces:read", "messages:read"], read.Scopes);
        Assert.Equal("Bearer", read.TokenType);
    }

    [Fact]
    public async Task A_token_without_optional_fields_round_trips()
    {
        var store = CreateStore();

        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });
        var read = await store.GetAsync("conn-1");

        Assert.NotNull(read);
        Assert.Equal("at-1", read.AccessToken);
        Assert.Null(read.RefreshToken);
        Assert.Null(read.ExpiresAt);
        Assert.Empty(read.Scopes);
    }

    [Fact]
    public async Task An_unknown_connection_reads_as_null()
        => Assert.Null(await CreateStore().GetAsync("nobody"));

    [Fact]
    public async Task Set_replaces_the_previous_token()
    {
        var store = CreateStore();

        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1" });
        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-2", RefreshToken = "rt-2" });

        var read = await store.GetAsync("conn-1");
        Assert.Equal("at-2", read!.AccessToken);
        Assert.Equal("rt-2", read.RefreshToken);
    }

    [Fact]
    public async Task Connections_are_kept_apart()
    {
        var store = CreateStore();

        await store.SetAsync("conn-a", new CarbonVoiceToken { AccessToken = "at-a" });
        await store.SetAsync("conn-b", new CarbonVoiceToken { AccessToken = "at-b" });

        Assert.Equal("at-a", (await store.GetAsync("conn-a"))!.AccessToken);
        Assert.Equal("at-b", (await store.GetAsync("conn-b"))!.AccessToken);
    }

    [Fact]
    public async Task Remove_deletes_only_that_connection()
    {
        var store = CreateStore();
        await store.SetAsync("conn-a", new CarbonVoiceToken { AccessToken = "at-a" });
        await store.SetAsync("conn-b", new CarbonVoiceToken { AccessToken = "at-b" });

        await store.RemoveAsync("conn-a");

        Assert.Null(await store.GetAsync("conn-a"));
        Assert.NotNull(await store.GetAsync("conn-b"));
    }

    [Fact]
    public async Task Removing_an_unknown_connection_does_nothing()
    {
        var store = CreateStore();

        await store.RemoveAsync("nobody");

        Assert.Null(await store.GetAsync("nobody"));
    }

    [Fact]
    public async Task Concurrent_writers_leave_one_complete_token()
    {
        var store = CreateStore();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = $"at-{i}", RefreshToken = $"rt-{i}" }))));

        var read = await store.GetAsync("conn-1");
        Assert.NotNull(read);
        Assert.Equal(read.AccessToken[3..], read.RefreshToken![3..]);
    }

    [Fact]
    public async Task Null_arguments_are_refused()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SetAsync("conn-1", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.RemoveAsync(null!));
    }

    [Fact]
    public async Task A_read_carries_a_version_that_every_write_changes()
    {
        var store = CreateStore();

        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });
        var first = await store.GetAsync("conn-1");
        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });
        var second = await store.GetAsync("conn-1");

        Assert.False(string.IsNullOrEmpty(first!.Version));
        Assert.False(string.IsNullOrEmpty(second!.Version));
        Assert.NotEqual(first.Version, second.Version);
    }

    [Fact]
    public async Task TrySet_with_the_version_read_replaces_the_token()
    {
        var store = CreateStore();
        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1" });
        var read = await store.GetAsync("conn-1");

        Assert.True(await store.TrySetAsync("conn-1", read! with { AccessToken = "at-2", RefreshToken = "rt-2" }, read.Version));

        var after = await store.GetAsync("conn-1");
        Assert.Equal("rt-2", after!.RefreshToken);
        Assert.NotEqual(read.Version, after.Version);
    }

    [Fact]
    public async Task TrySet_with_a_stale_version_fails_and_keeps_the_newer_token()
    {
        var store = CreateStore();
        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1" });
        var stale = await store.GetAsync("conn-1");
        var newer = await store.GetAsync("conn-1");
        Assert.True(await store.TrySetAsync("conn-1", newer! with { AccessToken = "at-2", RefreshToken = "rt-2" }, newer.Version));

        // The write based on the stale read (an "expire" of the old token, say) must not put rt-1 back.
        Assert.False(await store.TrySetAsync("conn-1", stale! with { ExpiresAt = Expiry }, stale.Version));

        var stored = await store.GetAsync("conn-1");
        Assert.Equal("rt-2", stored!.RefreshToken);
        Assert.Null(stored.ExpiresAt);
    }

    [Fact]
    public async Task TrySet_without_an_expected_version_only_creates()
    {
        var store = CreateStore();

        Assert.True(await store.TrySetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" }, expectedVersion: null));
        Assert.False(await store.TrySetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-2" }, expectedVersion: null));

        Assert.Equal("at-1", (await store.GetAsync("conn-1"))!.AccessToken);
    }

    [Fact]
    public async Task TrySet_of_a_removed_token_fails()
    {
        var store = CreateStore();
        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });
        var read = await store.GetAsync("conn-1");
        await store.RemoveAsync("conn-1");

        Assert.False(await store.TrySetAsync("conn-1", read!, read!.Version));
        Assert.Null(await store.GetAsync("conn-1"));
    }

    [Fact]
    public async Task Of_concurrent_writes_based_on_one_read_exactly_one_wins()
    {
        var store = CreateStore();
        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-0", RefreshToken = "rt-0" });
        var read = await store.GetAsync("conn-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            store.TrySetAsync("conn-1", new CarbonVoiceToken { AccessToken = $"at-{i}", RefreshToken = $"rt-{i}" }, read!.Version))));

        Assert.Single(results, won => won);
        var winner = Array.IndexOf(results, true);
        Assert.Equal($"rt-{winner}", (await store.GetAsync("conn-1"))!.RefreshToken);
    }

    [Fact]
    public async Task TrySet_refuses_null_arguments()
    {
        var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.TrySetAsync(null!, new CarbonVoiceToken { AccessToken = "a" }, null));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.TrySetAsync("conn-1", null!, null));
    }
}
