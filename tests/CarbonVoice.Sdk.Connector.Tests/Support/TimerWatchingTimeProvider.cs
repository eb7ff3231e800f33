using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CarbonVoice.Sdk.Connector.Tests.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that announces every timer it creates, so a test advances the clock only once the code under test waits on it.</summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (generous real-time guard) until a timer due in <paramref name="dueTime"/> has been created since the last call.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _created.Reader.ReadAsync(cts.Token) != dueTime)
        {
        }
    }

    /// <summary>Waits for the timer of a <c>Task.Delay(dueTime, this)</c> and then lets it fire.</summary>
    public async Task AdvanceOnceWaitingAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(dueTime);
        Advance(dueTime);
    }
}
