using Microsoft.Extensions.DependencyInjection;

namespace CarbonVoice.Sdk.Internal;

internal sealed class CarbonVoiceBuilder(IServiceCollection services, IHttpClientBuilder api, IHttpClientBuilder oauth) : ICarbonVoiceBuilder
{
    public IServiceCollection Services { get; } = services;

    public IHttpClientBuilder ApiHttpClient { get; } = api;

    public IHttpClientBuilder OAuthHttpClient { get; } = oauth;
}
