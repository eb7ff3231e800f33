using CarbonVoice.Sdk;
using CarbonVoice.Sdk.DataProtection;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ASP.NET Core Data Protection as the SDK's <see cref="ITokenProtector"/>.</summary>
public static class DataProtectionCarbonVoiceBuilderExtensions
{
    /// <summary>
    /// Encrypts stored tokens (for example those of <c>UseDistributedCacheTokenStore()</c>) with ASP.NET Core Data
    /// Protection. Calls <c>services.AddDataProtection()</c>; configure the key ring there (persistence shared by every
    /// instance, keys protected at rest).
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="purpose">The purpose string; default <see cref="DataProtectionTokenProtector.DefaultPurpose"/>.</param>
    public static ICarbonVoiceBuilder UseDataProtectionTokenProtector(this ICarbonVoiceBuilder builder, string purpose = DataProtectionTokenProtector.DefaultPurpose)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        builder.Services.AddDataProtection();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITokenProtector>(sp => new DataProtectionTokenProtector(sp.GetRequiredService<IDataProtectionProvider>(), purpose)));
        return builder;
    }
}
