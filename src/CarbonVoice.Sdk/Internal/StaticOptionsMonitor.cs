using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Internal;

/// <summary>An options monitor over a fixed instance, for use without dependency injection.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
