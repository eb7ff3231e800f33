using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The write after a refresh fails: the rotated token is kept, used, retried on the clock and logged as an error.</summary>
public sealed class TokenWriteFailureTests
{
    [Fact]
    public async Task A_failed_write_is_logged_as_an_error_without_the_token_and_retried_until_it_lands()
    {
        using var h = new TokenHarness();
        var server = new RotatingTokenEndpoint(h.Mock, "rt-0");
        await h.StoreTokenAsync("at-0", "rt-0", TimeSpan.FromMinutes(-1));
        var store = new FailingWritesStore(h.Store) { FailuresLeft = 4 };
        var logger = new FakeLogger<StoredTokenProvider>();
        using var provider = new StoredTokenProvider(store, h.OAuth, new StaticOptionsMonitor<CarbonVoiceOptions>(h.Options), h.Time, logger);

        Assert.Equal("at-1", await provider.GetAccessTokenAsync(TokenHarness.ConnectionId));
        Assert.Equal(1, provider.PendingWriteCount);
        Assert.Equal("at-1", await provider.GetAccessTokenAsync(TokenHarness.ConnectionId)); // from memory, no second refresh
        Assert.Equal(1, server.Issued);

        // Retries at +1 s, +2 s, +4 s fail; the one at +8 s lands.
        var start = h.Time.GetUtcNow();
        await h.Time.AdvanceUntilCompletedAsync(TimeDriver.YieldUntilAsync(() => provider.PendingWriteCount == 0, "the write to land"), TimeSpan.FromSeconds(31));
        Assert.Equal(TimeSpan.FromSeconds(1 + 2 + 4 + 8), h.Time.GetUtcNow() - start);
        Assert.Equal("rt-1", (await h.Store.GetAsync(TokenHarness.ConnectionId))!.RefreshToken);
        Assert.Equal(0, provider.LockCount);

        var records = logger.Collector.GetSnapshot();
        Assert.Equal(4, records.Count(r => r.Level == LogLevel.Error && r.Message.Contains(TokenHarness.ConnectionId, StringComparison.Ordinal)));
        Assert.Single(records, r => r.Level == LogLevel.Information && r.Message.Contains("stored after 4", StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain("rt-1", r.Message + r.Exception, StringComparison.Ordinal));
        Assert.All(records, r => Assert.DoesNotContain("at-1", r.Message + r.Exception, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_never_stored_is_reported_when_the_provider_is_disposed()
    {
        using var h = new TokenHarness();
        _ = new RotatingTokenEndpoint(h.Mock, "rt-0");
        await h.StoreTokenAsync("at-0", "rt-0", TimeSpan.FromMinutes(-1));
        var logger = new FakeLogger<StoredTokenProvider>();
        var provider = new StoredTokenProvider(new FailingWritesStore(h.Store) { FailuresLeft = int.MaxValue }, h.OAuth, new StaticOptionsMonitor<CarbonVoiceOptions>(h.Options), h.Time, logger);

        await provider.GetAccessTokenAsync(TokenHarness.ConnectionId);
        provider.Dispose();

        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("never stored", StringComparison.Ordinal));
    }

    private sealed class FailingWritesStore(ITokenStore inner) : ITokenStore
    {
        private int _failuresLeft;

        public int FailuresLeft { get => Volatile.Read(ref _failuresLeft); set => Volatile.Write(ref _failuresLeft, value); }

        public Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default) => inner.GetAsync(connectionId, cancellationToken);

        public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default) => inner.SetAsync(connectionId, token, cancellationToken);

        public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
            => Interlocked.Decrement(ref _failuresLeft) >= 0
                ? Task.FromException<bool>(new IOException("store unreachable"))
                : inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);

        public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);
    }
}
