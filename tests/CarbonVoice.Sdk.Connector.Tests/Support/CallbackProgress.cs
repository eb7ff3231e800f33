namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>A synchronous <see cref="IProgress{T}"/> that runs a callback per event (for example to inject faults at a point of the sync).</summary>
public sealed class CallbackProgress(Action<SyncProgress> callback) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => callback(value);
}
