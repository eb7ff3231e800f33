using System.Text;
using CarbonVoice.Sdk.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class DistributedCacheTokenStoreTests : TokenStoreConformanceTests
{
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));
    private readonly DataProtectionTokenProtector _protector = new(new EphemeralDataProtectionProvider());

    protected override ITokenStore CreateStore() => new DistributedCacheTokenStore(_cache, _protector);

    [Fact]
    public async Task Tokens_are_kept_under_the_key_prefix()
    {
        var store = new DistributedCacheTokenStore(_cache, _protector, "tenant-1:");

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
        var first = new DistributedCacheTokenStore(_cache, _protector);
        var second = new DistributedCacheTokenStore(_cache, _protector);

        await first.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1" });

        Assert.Equal("rt-1", (await second.GetAsync("conn-1"))!.RefreshToken);
    }

    [Fact]
    public async Task Tokens_at_rest_are_not_readable_as_plaintext()
    {
        await CreateStore().SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-secret-value", RefreshToken = "rt-secret-value", Scopes = ["messages:read"] });

        var stored = (await _cache.GetAsync("carbonvoice:token:conn-1"))!;
        var asText = Encoding.UTF8.GetString(stored);
        Assert.DoesNotContain("at-secret-value", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-secret-value", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", asText, StringComparison.Ordinal);
        Assert.DoesNotContain("messages:read", asText, StringComparison.Ordinal);
        Assert.Contains("rt-secret-value", Encoding.UTF8.GetString(_protector.Unprotect(stored)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_with_another_key_ring_cannot_read_the_tokens_and_says_so()
    {
        await CreateStore().SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", RefreshToken = "rt-1" });
        var other = new DistributedCacheTokenStore(_cache, new DataProtectionTokenProtector(new EphemeralDataProtectionProvider()));

        var error = await Assert.ThrowsAsync<CarbonVoiceException>(() => other.GetAsync("conn-1"));

        Assert.Contains("ITokenProtector", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rt-1", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plaintext_entry_written_before_encryption_is_read_and_encrypted_by_the_next_write()
    {
        await _cache.SetAsync("carbonvoice:token:conn-1", Encoding.UTF8.GetBytes("""{"access_token":"at-legacy","refresh_token":"rt-legacy"}"""), new DistributedCacheEntryOptions());
        var store = CreateStore();

        var legacy = await store.GetAsync("conn-1");
        Assert.Equal("rt-legacy", legacy!.RefreshToken);
        Assert.NotNull(legacy.Version);
        Assert.True(await store.TrySetAsync("conn-1", legacy with { AccessToken = "at-2" }, legacy.Version));

        Assert.DoesNotContain("rt-legacy", Encoding.UTF8.GetString((await _cache.GetAsync("carbonvoice:token:conn-1"))!), StringComparison.Ordinal);
        Assert.Equal("at-2", (await store.GetAsync("conn-1"))!.AccessToken);
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
    public async Task With_the_explicit_unprotected_protector_tokens_are_snake_case_json_with_an_iso_expiry()
    {
        await new DistributedCacheTokenStore(_cache, UnprotectedTokenProtector.Instance).SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1", ExpiresAt = Expiry });

        var json = Encoding.UTF8.GetString((await _cache.GetAsync("carbonvoice:token:conn-1"))!);

        Assert.Contains("\"access_token\"", json, StringComparison.Ordinal);
        Assert.Contains("2026-03-01T13:00:00.123", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_connection_write_locks_are_released_after_use()
    {
        var store = new DistributedCacheTokenStore(_cache, _protector);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            var id = "conn-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await store.SetAsync(id, new CarbonVoiceToken { AccessToken = "at", RefreshToken = "rt" });
            var read = await store.GetAsync(id);
            await store.TrySetAsync(id, read! with { AccessToken = "at-2" }, read.Version);
            await store.RemoveAsync(id);
        }));

        Assert.Equal(0, store.LockCount);
    }
}
