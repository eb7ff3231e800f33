using System.Text;
using CarbonVoice.Sdk.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Tests.Core;

public sealed class TokenProtectorRegistrationTests
{
    [Fact]
    public void UseDistributedCacheTokenStore_without_a_protector_fails_at_start_naming_what_to_register()
    {
        using var provider = Build(services => services.AddCarbonVoice(TestOptions).UseDistributedCacheTokenStore());

        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("UseDataProtectionTokenProtector", atStart.Message, StringComparison.Ordinal);
        Assert.Contains("ITokenProtector", atStart.Message, StringComparison.Ordinal);
        var onUse = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITokenStore>());
        Assert.Contains("UnprotectedTokenProtector", onUse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseDataProtectionTokenProtector_encrypts_what_the_distributed_cache_keeps()
    {
        using var provider = Build(services => services.AddCarbonVoice(TestOptions).UseDistributedCacheTokenStore().UseDataProtectionTokenProtector());
        provider.GetRequiredService<IStartupValidator>().Validate();
        var store = provider.GetRequiredService<ITokenStore>();

        await store.SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-plain-1", RefreshToken = "rt-plain-1" });

        var raw = Encoding.UTF8.GetString((await provider.GetRequiredService<IDistributedCache>().GetAsync("carbonvoice:token:conn-1"))!);
        Assert.DoesNotContain("rt-plain-1", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("at-plain-1", raw, StringComparison.Ordinal);
        Assert.Equal("rt-plain-1", (await store.GetAsync("conn-1"))!.RefreshToken);
    }

    [Fact]
    public async Task Plaintext_needs_the_explicit_unprotected_protector()
    {
        using var provider = Build(services => services.AddSingleton<ITokenProtector>(UnprotectedTokenProtector.Instance).AddCarbonVoice(TestOptions).UseDistributedCacheTokenStore());
        provider.GetRequiredService<IStartupValidator>().Validate();

        await provider.GetRequiredService<ITokenStore>().SetAsync("conn-1", new CarbonVoiceToken { AccessToken = "at-1" });

        Assert.Contains("at-1", Encoding.UTF8.GetString((await provider.GetRequiredService<IDistributedCache>().GetAsync("carbonvoice:token:conn-1"))!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_in_memory_default_needs_no_protector()
    {
        using var provider = Build(services => services.AddCarbonVoice(TestOptions));

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<InMemoryTokenStore>(provider.GetRequiredService<ITokenStore>());
    }

    private static void TestOptions(CarbonVoiceOptions options)
    {
        var defaults = TestClients.Options();
        options.BaseAddress = defaults.BaseAddress;
        options.ClientId = defaults.ClientId;
        options.ClientSecret = defaults.ClientSecret;
        options.RedirectUri = defaults.RedirectUri;
    }

    private static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddDistributedMemoryCache();
        configure(services);
        return services.BuildServiceProvider();
    }
}
