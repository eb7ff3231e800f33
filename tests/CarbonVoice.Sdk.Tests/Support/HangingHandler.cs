namespace CarbonVoice.Sdk.Tests.Support;

/// <summary>A transport that never answers until the request is cancelled.</summary>
internal sealed class HangingHandler : HttpMessageHandler
{
    private int _attempts;

    /// <summary>How many requests reached the transport.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
