using Polly;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Holds the delegate that builds the SDK's resilience pipeline, so that users can replace it.</summary>
internal sealed class ResiliencePipelineConfigurator(Action<ResiliencePipelineBuilder<HttpResponseMessage>, CarbonVoiceOptions> configure)
{
    public void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, CarbonVoiceOptions options) => configure(builder, options);
}
