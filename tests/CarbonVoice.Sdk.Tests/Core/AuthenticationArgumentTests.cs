using CarbonVoice.Sdk.Internal;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>Missing arguments of the authentication types fail at once, naming the argument, before any store or network access.</summary>
public class AuthenticationArgumentTests
{
    private static readonly CarbonVoiceToken Token = new() { AccessToken = "at" };

    [Fact]
    public async Task The_in_memory_store_refuses_a_null_connection_id()
    {
        var store = new InMemoryTokenStore();

        await Refused("connectionId", () => store.GetAsync(null!));
        await Refused("connectionId", () => store.SetAsync(null!, Token));
        await Refused("connectionId", () => store.TrySetAsync(null!, Token, null));
        await Refused("connectionId", () => store.RemoveAsync(null!));
    }

    [Fact]
    public async Task The_distributed_cache_store_refuses_null_arguments()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var store = new DistributedCacheTokenStore(cache, UnprotectedTokenProtector.Instance);

        Assert.Equal("cache", Assert.Throws<ArgumentNullException>(() => new DistributedCacheTokenStore(null!, UnprotectedTokenProtector.Instance)).ParamName);
        Assert.Equal("protector", Assert.Throws<ArgumentNullException>(() => new DistributedCacheTokenStore(cache, null!)).ParamName);
        Assert.Equal("keyPrefix", Assert.Throws<ArgumentNullException>(() => new DistributedCacheTokenStore(cache, UnprotectedTokenProtector.Instance, null!)).ParamName);
        await Refused("connectionId", () => store.GetAsync(null!));
        await Refused("connectionId", () => store.SetAsync(null!, Token));
        await Refused("connectionId", () => store.TrySetAsync(null!, Token, null));
        await Refused("connectionId", () => store.RemoveAsync(null!));
    }

    [Fact]
    public async Task Expiring_a_token_refuses_a_null_store_or_connection_id()
    {
        await Refused("store", () => TokenStoreExtensions.TryExpireAccessTokenAsync(null!, "c1", DateTimeOffset.UnixEpoch));
        await Refused("connectionId", () => new InMemoryTokenStore().TryExpireAccessTokenAsync(null!, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Protectors_pkce_and_static_tokens_refuse_missing_input()
    {
        Assert.Equal("plaintext", Assert.Throws<ArgumentNullException>(() => UnprotectedTokenProtector.Instance.Protect(null!)).ParamName);
        Assert.Equal("protectedData", Assert.Throws<ArgumentNullException>(() => UnprotectedTokenProtector.Instance.Unprotect(null!)).ParamName);
        Assert.Equal("codeVerifier", Assert.Throws<ArgumentException>(() => Pkce.CreateS256Challenge(string.Empty)).ParamName);
        Assert.Equal("accessToken", Assert.Throws<ArgumentException>(() => new StaticAccessTokenProvider(" ")).ParamName);
    }

    [Fact]
    public async Task The_stored_token_provider_refuses_null_dependencies_and_connection_ids()
    {
        var store = new InMemoryTokenStore();
        var options = new StaticOptionsMonitor<CarbonVoiceOptions>(TestClients.Options());
        using var http = new HttpClient();
        var oauth = new OAuthClient(http, options);

        Assert.Equal("store", Assert.Throws<ArgumentNullException>(() => new StoredTokenProvider(null!, oauth, options)).ParamName);
        Assert.Equal("oauth", Assert.Throws<ArgumentNullException>(() => new StoredTokenProvider(store, null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new StoredTokenProvider(store, oauth, (IOptionsMonitor<CarbonVoiceOptions>)null!)).ParamName);
        using var provider = new StoredTokenProvider(store, oauth, options);
        await Refused("connectionId", () => provider.GetAccessTokenAsync(null!).AsTask());
        await Refused("connectionId", () => provider.RefreshAccessTokenAsync(null!, "at").AsTask());
    }

    [Fact]
    public async Task A_disposed_stored_token_provider_refuses_to_refresh_and_disposing_twice_is_harmless()
    {
        var store = new InMemoryTokenStore();
        await store.SetAsync("c1", new CarbonVoiceToken { AccessToken = "at", RefreshToken = "rt", ExpiresAt = DateTimeOffset.UtcNow.AddHours(-1) });
        using var http = new HttpClient();
        var options = new StaticOptionsMonitor<CarbonVoiceOptions>(TestClients.Options());
        var provider = new StoredTokenProvider(store, new OAuthClient(http, options), options);

        provider.Dispose();
        provider.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => provider.RefreshAccessTokenAsync("c1", "at").AsTask());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public async Task The_oauth_client_refuses_blank_codes_and_tokens(string? blank)
    {
        using var http = new HttpClient();
        var oauth = new OAuthClient(http, TestClients.Options());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => oauth.ExchangeCodeAsync(blank!, "verifier"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => oauth.RefreshTokenAsync(blank!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => oauth.RevokeTokenAsync(blank!));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => oauth.GetUserInfoAsync(blank!));
    }

    private static async Task Refused(string parameter, Func<Task> call)
        => Assert.Equal(parameter, (await Assert.ThrowsAsync<ArgumentNullException>(call)).ParamName);
}
