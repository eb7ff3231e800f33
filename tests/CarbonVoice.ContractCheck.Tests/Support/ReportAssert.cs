using System.Text.Json;

namespace CarbonVoice.ContractCheck.Tests.Support;

internal static class ReportAssert
{
    /// <summary>A route's report as JSON, without what legitimately differs between runs (request ids in messages).</summary>
    public static string Fingerprint(RouteReport route)
        => JsonSerializer.Serialize(route with { ExceptionMessage = null }, ReportJsonContext.Default.RouteReport);

    public static RouteReport Route(ContractReport report, string route)
        => Assert.Single(report.Routes, r => r.Route == route);

    /// <summary>Every route except <paramref name="changed"/> reports exactly what the baseline reported.</summary>
    public static void OthersUnchanged(ContractReport baseline, ContractReport altered, string changed)
    {
        Assert.Equal(baseline.Routes.Select(r => r.Route), altered.Routes.Select(r => r.Route));
        foreach (var (before, after) in baseline.Routes.Zip(altered.Routes))
        {
            if (before.Route != changed)
            {
                Assert.True(Fingerprint(before) == Fingerprint(after), $"{before.Route} changed although only {changed} was altered:\n{Fingerprint(before)}\n{Fingerprint(after)}");
            }
        }
    }

    /// <summary>A baseline list plus some paths, sorted like the report sorts them.</summary>
    public static IReadOnlyList<string> With(IReadOnlyList<string>? baseline, params string[] added)
        => [.. (baseline ?? []).Concat(added).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
