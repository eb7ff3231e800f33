using CarbonVoice.Sample.Host.Backend;
using CarbonVoice.Sample.Host.Configuration;
using CarbonVoice.Sample.Host.Tenancy;
using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Connector.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sample.Host.Hosting;

/// <summary>The sample's own parts: development tenancy, the embedded emulator, the key ring folder, the switches' checks.</summary>
internal static class SampleHostServices
{
    /// <summary>The development tenancy scheme: API keys mapped to tenants (<c>Tenancy</c>); any scheme issuing <c>tenant_id</c> replaces it.</summary>
    public static IServiceCollection AddDevelopmentTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection(TenancyOptions.SectionName));
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<TenancyOptions>>((auth, tenancy) =>
        {
            auth.DefaultScheme = tenancy.Value.Scheme;
            auth.DefaultChallengeScheme = tenancy.Value.Scheme;
        });
        return services;
    }

    /// <summary>The SDK against the embedded emulator (no credentials configured) or the real service, and a <c>backend</c> readiness check.</summary>
    public static ICarbonVoiceBuilder AddCarbonVoiceBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorSettings>().Bind(configuration.GetSection(EmulatorSettings.SectionName));
        services.AddSingleton<CarbonVoiceBackend>();
        services.AddSingleton<EmbeddedBackendOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<CarbonVoiceOptions>>(sp => sp.GetRequiredService<EmbeddedBackendOptionsSetup>());
        services.AddSingleton<IPostConfigureOptions<CarbonVoiceWebhookOptions>>(sp => sp.GetRequiredService<EmbeddedBackendOptionsSetup>());
        services.AddSingleton<IPostConfigureOptions<CarbonVoiceConnectorEndpointsOptions>>(sp => sp.GetRequiredService<EmbeddedBackendOptionsSetup>());
        services.AddHostedService<EmulatorWebhookSubscriber>();
        services.AddHealthChecks().AddCheck<BackendHealthCheck>("backend", tags: ["ready"]);
        return services.AddCarbonVoice(configuration)
            .ConfigurePrimaryHandler(sp => sp.GetRequiredService<CarbonVoiceBackend>().CreatePrimaryHandler());
    }

    /// <summary>The Data Protection key ring in a folder of the content root (<c>Sample:DataProtectionKeysPath</c>), owner-only.</summary>
    public static IServiceCollection AddSampleKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["Sample:DataProtectionKeysPath"] ?? "carbonvoice-sample-keys";
        services.AddDataProtection().SetApplicationName("CarbonVoice.Sample.Host");
        services.AddOptions<KeyManagementOptions>().Configure<IHostEnvironment, ILoggerFactory>((keys, environment, loggers) =>
        {
            var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
            PrivateFolder.Ensure(folder);
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
        });
        return services;
    }

    /// <summary>Checks <c>Storage:Provider</c> and <c>Queue:Provider</c> at start-up, naming what to set.</summary>
    public static IServiceCollection AddHostModeChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorStorageOptions>().Bind(configuration.GetSection(ConnectorStorageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<QueueSettings>().Bind(configuration.GetSection(QueueSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<HostModeValidator>();
        services.AddSingleton<IValidateOptions<ConnectorStorageOptions>>(sp => sp.GetRequiredService<HostModeValidator>());
        services.AddSingleton<IValidateOptions<QueueSettings>>(sp => sp.GetRequiredService<HostModeValidator>());
        return services;
    }
}
