using System.Globalization;

namespace CarbonVoice.Sdk.Connector.FaultHost;

/// <summary>The command line: <c>--db</c>, <c>--api</c>, <c>--token</c> (required), <c>--lease-ms</c>, <c>--tenant</c>, <c>--connector</c>, <c>--hold-at-line</c>.</summary>
internal sealed record FaultHostSettings(string DatabasePath, Uri Api, string Token, TimeSpan Lease, string TenantId, string ConnectorId, int? HoldAtLine)
{
    public static FaultHostSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        string Required(string name) => Value(name) ?? throw new ArgumentException($"{name} is required.", nameof(args));
        return new FaultHostSettings(
            Required("--db"),
            new Uri(Required("--api")),
            Required("--token"),
            TimeSpan.FromMilliseconds(int.Parse(Value("--lease-ms") ?? "4000", CultureInfo.InvariantCulture)),
            Value("--tenant") ?? "tenant-1",
            Value("--connector") ?? "connector-1",
            Value("--hold-at-line") is { } hold ? int.Parse(hold, CultureInfo.InvariantCulture) : null);
    }
}
