using System.Text.Json;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>The versions the distributed-cache store gives its entries (the concurrency tokens of conditional writes).</summary>
public class DistributedCacheTokenVersionTests
{
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task Every_write_gets_a_new_32_hex_digit_version_that_reads_back_unchanged()
    {
        var store = new DistributedCacheTokenStore(_cache, UnprotectedTokenProtector.Instance);

        await store.SetAsync("c1", new CarbonVoiceToken { AccessToken = "at-1", Version = "ignored" });
        var first = (await store.GetAsync("c1"))!.Version!;
        await store.SetAsync("c1", new CarbonVoiceToken { AccessToken = "at-2" });
        var second = (await store.GetAsync("c1"))!.Version!;

        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.Matches("^[0-9a-f]{32}$", second);
        Assert.NotEqual(first, second);
        Assert.Equal(second, (await store.GetAsync("c1"))!.Version);
    }

    [Fact]
    public async Task An_entry_written_without_a_version_gets_one_derived_from_its_bytes()
    {
        var store = new DistributedCacheTokenStore(_cache, UnprotectedTokenProtector.Instance, "p:");
        var legacy = JsonSerializer.SerializeToUtf8Bytes(new CarbonVoiceToken { AccessToken = "at-old" }, CarbonVoiceJsonContext.Default.CarbonVoiceToken);
        await _cache.SetAsync("p:c1", legacy);

        var read = (await store.GetAsync("c1"))!;

        Assert.Equal("at-old", read.AccessToken);
        Assert.Matches("^h[0-9a-f]{32}$", read.Version!);
        Assert.Equal(read.Version, (await store.GetAsync("c1"))!.Version);
        Assert.True(await store.TrySetAsync("c1", new CarbonVoiceToken { AccessToken = "at-new" }, read.Version));
        Assert.Equal("at-new", (await store.GetAsync("c1"))!.AccessToken);
    }
}
