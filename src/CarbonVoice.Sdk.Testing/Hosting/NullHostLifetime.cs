using Microsoft.Extensions.Hosting;

namespace CarbonVoice.Sdk.Testing;

/// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the application embedding the emulator.</summary>
internal sealed class NullHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
