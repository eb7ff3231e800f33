using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// What <c>UseDistributedCacheTokenStore</c> registers: the store over the registered <see cref="IDistributedCache"/>
/// and <see cref="ITokenProtector"/>, and a start-up check that a protector is registered.
/// </summary>
internal static class DistributedCacheTokenStoreRegistration
{
    internal const string MissingProtectorMessage =
        "UseDistributedCacheTokenStore() encrypts tokens with an ITokenProtector, and none is registered. "
        + "Call .UseDataProtectionTokenProtector() (package CarbonVoice.Sdk.DataProtection, with services.AddDataProtection()), "
        + "register your own ITokenProtector, or register UnprotectedTokenProtector.Instance as ITokenProtector to store tokens in clear text on purpose.";

    public static void Register(IServiceCollection services, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        services.Replace(ServiceDescriptor.Singleton<ITokenStore>(sp => new DistributedCacheTokenStore(
            sp.GetRequiredService<IDistributedCache>(),
            sp.GetService<ITokenProtector>() ?? throw new InvalidOperationException(MissingProtectorMessage),
            keyPrefix)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CarbonVoiceOptions>, ProtectorRequirement>());
    }

    /// <summary>Fails the options validation at start-up (they are validated on start) when no protector is registered.</summary>
    private sealed class ProtectorRequirement(IServiceProvider services) : IValidateOptions<CarbonVoiceOptions>
    {
        public ValidateOptionsResult Validate(string? name, CarbonVoiceOptions options)
            => services.GetService<ITokenProtector>() is not null
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(MissingProtectorMessage);
    }
}
