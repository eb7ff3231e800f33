using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Carbon Voice SDK.</summary>
public static class CarbonVoiceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK with options bound from the configuration section <c>CarbonVoice</c> and the
    /// <c>CARBONVOICE_*</c> environment variables (root keys of <paramref name="configuration"/>), validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration (root), or its <c>CarbonVoice</c> section.</param>
    /// <param name="configure">Further changes applied after binding.</param>
    public static ICarbonVoiceBuilder AddCarbonVoice(this IServiceCollection services, IConfiguration configuration, Action<CarbonVoiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddCarbonVoice();

        // Accept the "CarbonVoice" section itself as well as the root, a common slip.
        var section = configuration is IConfigurationSection { Key: CarbonVoiceOptions.SectionName } given ? given : configuration.GetSection(CarbonVoiceOptions.SectionName);
        services.AddOptions<CarbonVoiceOptions>()
            .Bind(section)
            .Configure(options => CarbonVoiceEnvironmentConfiguration.Apply(configuration, options));
        services.AddOptions<CarbonVoiceWebhookOptions>()
            .Bind(section.GetSection("Webhooks"))
            .Configure(options => CarbonVoiceEnvironmentConfiguration.Apply(configuration, options));
        if (configure is not null)
        {
            // Explicit code wins over configuration: it runs once, after binding (running it twice duplicated list entries such as scopes).
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>Registers the SDK, with options set in code and validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    public static ICarbonVoiceBuilder AddCarbonVoice(this IServiceCollection services, Action<CarbonVoiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CarbonVoiceOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CarbonVoiceOptions>, CarbonVoiceOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CarbonVoiceOptions>, CarbonVoiceOptionsCustomValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenStore, InMemoryTokenStore>();
        services.TryAddSingleton<RateLimitTracker>();
        services.TryAddSingleton<IRateLimitState>(sp => sp.GetRequiredService<RateLimitTracker>());
        services.TryAddSingleton(new ResiliencePipelineConfigurator(CarbonVoiceResilience.ConfigureDefaultPipeline));
        services.TryAddSingleton<IOAuthClient>(sp => new OAuthClient(
            () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(CarbonVoiceServiceNames.OAuthHttpClient),
            sp.GetRequiredService<IOptionsMonitor<CarbonVoiceOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<OAuthClient>>()));
        services.TryAddSingleton<StoredTokenProvider>();
        services.TryAddSingleton<IAccessTokenProvider>(sp =>
        {
            var current = sp.GetRequiredService<IOptionsMonitor<CarbonVoiceOptions>>().CurrentValue;
            return current.AuthenticationMode == CarbonVoiceAuthenticationMode.PersonalAccessToken && !string.IsNullOrWhiteSpace(current.PersonalAccessToken)
                ? new StaticAccessTokenProvider(current.PersonalAccessToken)
                : sp.GetRequiredService<StoredTokenProvider>();
        });
        services.TryAddTransient<TelemetryHandler>();
        services.TryAddTransient<RateLimitHandler>();
        services.TryAddTransient<ResponseBufferingHandler>();
        services.TryAddTransient(sp => new AuthenticationHandler(
            sp.GetRequiredService<IAccessTokenProvider>(),
            sp.GetRequiredService<IOptionsMonitor<CarbonVoiceOptions>>(),
            sp.GetService<ILogger<AuthenticationHandler>>()));
        services.TryAddSingleton<ICarbonVoiceClientFactory, CarbonVoiceClientFactory>();
        services.AddOptions<CarbonVoiceWebhookOptions>();
        services.TryAddSingleton(sp => new CarbonVoiceWebhookValidator(sp.GetRequiredService<IOptions<CarbonVoiceWebhookOptions>>().Value));
        services.TryAddTransient<ICarbonVoiceClient>(sp => sp.GetRequiredService<ICarbonVoiceClientFactory>().CreateClient(CarbonVoiceClient.DefaultConnectionId));

        // The factory's default loggers put raw header values (the bearer token) in their structured state even
        // when the message redacts them; the SDK's TelemetryHandler logs each call without credentials instead.
        // The default transport decompresses gzip, deflate and Brotli (a handler from ConfigurePrimaryHandler is used as given).
        var api = services.AddHttpClient(CarbonVoiceServiceNames.ApiHttpClient, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => PrimaryHandlers.EnableDecompression(handler))
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TelemetryHandler>()
            .AddHttpMessageHandler<RateLimitHandler>();
        AddResilience(api);
        api.AddHttpMessageHandler<ResponseBufferingHandler>()
            .AddHttpMessageHandler<AuthenticationHandler>();

        var oauth = services.AddHttpClient(CarbonVoiceServiceNames.OAuthHttpClient, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => PrimaryHandlers.EnableDecompression(handler))
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TelemetryHandler>();
        AddResilience(oauth);
        oauth.AddHttpMessageHandler<ResponseBufferingHandler>();
        return new CarbonVoiceBuilder(services, api, oauth);
    }

    /// <summary>
    /// Keeps tokens in the registered <see cref="Caching.Distributed.IDistributedCache"/>, shared by every instance of the
    /// host, encrypted with the registered <see cref="ITokenProtector"/> (for example <c>.UseDataProtectionTokenProtector()</c>
    /// of <c>CarbonVoice.Sdk.DataProtection</c>). Without a protector the host fails at start-up with a message naming
    /// what to register.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="keyPrefix">Prefix of the cache keys.</param>
    public static ICarbonVoiceBuilder UseDistributedCacheTokenStore(this ICarbonVoiceBuilder builder, string keyPrefix = "carbonvoice:token:")
    {
        ArgumentNullException.ThrowIfNull(builder);
        DistributedCacheTokenStoreRegistration.Register(builder.Services, keyPrefix);
        return builder;
    }

    /// <summary>Uses your own <see cref="ITokenStore"/> (for example one over the host's database).</summary>
    /// <typeparam name="TStore">The store type, registered as a singleton.</typeparam>
    /// <param name="builder">The SDK builder.</param>
    public static ICarbonVoiceBuilder UseTokenStore<TStore>(this ICarbonVoiceBuilder builder)
        where TStore : class, ITokenStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ITokenStore, TStore>());
        return builder;
    }

    /// <summary>Replaces the SDK's resilience pipeline (<see cref="CarbonVoiceResilience.PipelineName"/>) on both HTTP clients.</summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="configure">Adds strategies to the pipeline; <see cref="CarbonVoiceResilience.ConfigureDefaultPipeline"/> is the default.</param>
    public static ICarbonVoiceBuilder ConfigureResilience(this ICarbonVoiceBuilder builder, Action<Polly.ResiliencePipelineBuilder<HttpResponseMessage>, CarbonVoiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Replace(ServiceDescriptor.Singleton(new ResiliencePipelineConfigurator(configure)));
        return builder;
    }

    /// <summary>Sends every SDK request through <paramref name="handler"/> (for example the emulator's in-process handler) instead of the network.</summary>
    /// <remarks>
    /// The handler is used as given. The SDK's default transport decompresses gzip, deflate and Brotli answers; a handler
    /// of your own must do so itself (for example <c>new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }</c>)
    /// if the service or a proxy may compress, otherwise such a body ends as a <see cref="CarbonVoiceMalformedResponseException"/>
    /// that names its encoding.
    /// </remarks>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="handler">Creates the primary handler.</param>
    public static ICarbonVoiceBuilder ConfigurePrimaryHandler(this ICarbonVoiceBuilder builder, Func<IServiceProvider, HttpMessageHandler> handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(handler);
        builder.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(handler);
        builder.OAuthHttpClient.ConfigurePrimaryHttpMessageHandler(handler);
        return builder;
    }

    /// <summary>
    /// Adds the SDK's resilience handler. Its telemetry logs successful attempts at Debug (not one Polly line at Information per
    /// request); a replacement pipeline (<see cref="ConfigureResilience"/>) may call <c>ConfigureTelemetry</c> itself to change that.
    /// </summary>
    private static void AddResilience(IHttpClientBuilder client)
        => client.AddResilienceHandler(CarbonVoiceResilience.PipelineName, (pipeline, context) =>
        {
            PipelineTelemetry.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<Polly.Telemetry.TelemetryOptions>>().Value);
            context.ServiceProvider.GetRequiredService<ResiliencePipelineConfigurator>().Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptionsMonitor<CarbonVoiceOptions>>().CurrentValue);
        });
}
