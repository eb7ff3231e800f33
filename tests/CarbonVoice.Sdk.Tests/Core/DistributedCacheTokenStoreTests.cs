using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class DistributedCacheTokenStoreTests : TokenStoreConformanceTests
{
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    protected override ITokenStore CreateStore() => new DistributedCacheTokenStore(_cache);

    [Fact]
    public async Task Tokens_are_kept_under_the_key_prefix()
    {
        var store = new DistributedCacheTokenStore(_cache, "tenant-1:");

        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });

        Assert.NotNull(await _cache.GetAsync("tenant-1:conn-1"));
        Assert.Null(await _cache.GetAsync("carbonvoice:token:conn-1"));
    }

    [Fact]
    public async Task The_default_key_prefix_is_carbonvoice_token()
    {
        await CreateStore().SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });

        Assert.NotNull(await _cache.GetAsync("carbonvoice:token:conn-1"));
    }

    [Fact]
    public async Task Two_stores_over_one_cache_share_tokens_like_two_host_instances()
    {
        var first = new DistributedCacheTokenStore(_cache);
        var second = new DistributedCacheTokenStore(_cache);

        await first.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1" });

        Assert.Equal("rt-1", (await second.GetAsync("conn-1"))!.RefreshToken);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"access_token\":")]
    [InlineData("{\"refresh_token\":\"rt-1\"}")]
    [InlineData("[1,2,3]")]
    public async Task Unreadable_stored_bytes_throw_a_clear_error(string stored)
    {
        await _cache.SetAsync("carbonvoice:token:conn-1", Encoding.UTF8.GetBytes(stored), new DistributedCacheEntryOptions());

        var error = await Assert.ThrowsAsync<CarbonVoiceException>(() => CreateStore().GetAsync("conn-1"));

        Assert.Contains("conn-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("not readable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(stored, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_stored_bytes_throw_a_clear_error()
    {
        await _cache.SetAsync("carbonvoice:token:conn-1", [0xFF, 0xFE, 0x00, 0x7B], new DistributedCacheEntryOptions());

        var error = await Assert.ThrowsAsync<CarbonVoiceException>(() => CreateStore().GetAsync("conn-1"));

        Assert.Contains("conn-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_are_stored_as_snake_case_json_with_an_iso_expiry()
    {
        await CreateStore().SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", ExpiresAt = Expiry });

        var json = Encoding.UTF8.GetString((await _cache.GetAsync("carbonvoice:token:conn-1"))!);

        Assert.Contains("\"access_token\"", json, StringComparison.Ordinal);
        Assert.Contains("2026-03-01T13:00:00.123", json, StringComparison.Ordinal);
    }
}
