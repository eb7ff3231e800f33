using CarbonVoice.Sdk;

namespace CarbonVoice.Sample.Host.Tests.Infrastructure;

/// <summary>
/// Wraps the host's token store; when <see cref="HoldNextRead"/> is set, the next read returns only after
/// <see cref="Release"/> — a reader that read a token just before another writer replaced it.
/// </summary>
public sealed class GatedTokenStore(ITokenStore inner) : ITokenStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _hold;

    /// <summary>Completes once the held read has read its token.</summary>
    public TaskCompletionSource HeldReadDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HoldNextRead() => Volatile.Write(ref _hold, 1);

    public void Release() => _gate.TrySetResult();

    public async Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var token = await inner.GetAsync(connectionId, cancellationToken);
        if (Interlocked.Exchange(ref _hold, 0) == 1)
        {
            HeldReadDone.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        return token;
    }

    public Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default) => inner.SetAsync(connectionId, token, cancellationToken);

    public Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default)
        => inner.TrySetAsync(connectionId, token, expectedVersion, cancellationToken);

    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) => inner.RemoveAsync(connectionId, cancellationToken);
}
