using Refit;

namespace CarbonVoice.Sdk.Benchmarks.Baselines;

/// <summary>The same call as a Refit client (source-generated, System.Text.Json with the baseline's context).</summary>
internal interface IRefitMessages
{
    [Get("/" + MessagePage.Path)]
    Task<RawMessagePage> GetHistoryPageAsync(CancellationToken cancellationToken);
}
