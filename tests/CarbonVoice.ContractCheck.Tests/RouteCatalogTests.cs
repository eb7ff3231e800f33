using System.Text.RegularExpressions;
using CarbonVoice.ContractCheck.Tests.Support;

namespace CarbonVoice.ContractCheck.Tests;

/// <summary>The route catalog against the repository: the wire contract's evidence markers and the SDK's own routes.</summary>
public sealed partial class RouteCatalogTests
{
    /// <summary>The SDK's write routes: the check must never call them.</summary>
    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "POST /action-items", "PUT /action-items/{}", "PATCH /action-items/{}/status",
        "POST /carbonlink/create", "POST /carbonlink/personal",
        "POST /data-exporter/conversations", "POST /data-exporter/users",
        "POST /oauth/token", "POST /oauth/revoke", "POST /v3/workspace", "POST /message-sharelinks",
    };

    [Fact]
    public void Every_read_route_of_the_sdk_is_in_the_catalog_and_no_write_is()
    {
        var sdkRoutes = RepositoryFiles.SourcesUnder("src/CarbonVoice.Sdk")
            .SelectMany(path => EndpointLiteral().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value))
            .Select(Normalize)
            .ToHashSet(StringComparer.Ordinal);
        var catalog = ContractChecker.Routes.Select(r => Normalize(r.Route)).ToList();

        Assert.Equal(catalog.Count, catalog.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(sdkRoutes.Except(Writes).Order(StringComparer.Ordinal), catalog.Order(StringComparer.Ordinal));
        Assert.All(ContractChecker.Routes, r => Assert.True(r.Method is "GET" or "POST", r.Route));
    }

    [Fact]
    public void Evidence_levels_match_the_wire_contract()
    {
        var lines = RepositoryFiles.Read("docs/WIRE_CONTRACT.md").Split('\n');
        foreach (var route in ContractChecker.Routes)
        {
            // A route may have several rows (GET /whoami has two); a marker on any of them counts.
            var rows = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith('|') && lines[i].Contains($"`{route.Route}`", StringComparison.Ordinal)).ToList();
            Assert.True(rows.Count > 0, $"{route.Route} is not a row of docs/WIRE_CONTRACT.md");
            var marker = rows.Select(i => RowMarker(lines[i], route.Route)).FirstOrDefault(m => m is not null) ?? SectionMarker(lines, rows[0]);
            if (route.EvidenceSource == "wire contract")
            {
                Assert.True(marker == Letter(route.Evidence), $"{route.Route}: the contract says [{marker}], the catalog [{Letter(route.Evidence)}]");
            }
            else
            {
                Assert.True(marker is null, $"{route.Route}: the contract now marks it [{marker}]; take the level from there");
                Assert.StartsWith("facts file", route.EvidenceSource, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Routes_are_spelled_like_the_wire_contract_and_read_only()
    {
        Assert.All(ContractChecker.Routes, r => Assert.Matches("^(GET|POST) /[a-z0-9./{}_-]*$", r.Route));
        Assert.Equal(
            ["POST /contacts", "POST /v3/messages/notified", "POST /v3/messages/recent", "POST /v3/search", "POST /v5/attachments/download/signedurl/bulk", "POST /v5/messages/by-ids", "POST /v6/messages/by-ids"],
            ContractChecker.Routes.Where(r => r.Method == "POST").Select(r => r.Route).Order(StringComparer.Ordinal));
    }

    private static string? RowMarker(string line, string route)
    {
        var match = Regex.Match(line, Regex.Escape($"`{route}`") + @" \[([CGI])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string? SectionMarker(string[] lines, int row)
    {
        for (var i = row; i >= 0; i--)
        {
            if (lines[i].StartsWith('#'))
            {
                var match = Regex.Match(lines[i], @"\[([CGI])[\] ;§]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (match.Success)
                {
                    return match.Groups[1].Value;
                }

                if (lines[i].StartsWith("## ", StringComparison.Ordinal))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static string Letter(EvidenceLevel level) => level switch
    {
        EvidenceLevel.Confirmed => "C",
        EvidenceLevel.GuideOnly => "G",
        _ => "I",
    };

    /// <summary>Placeholders are spelled differently here and there (<c>{channel_id}</c>, <c>{channel_guid}</c>).</summary>
    private static string Normalize(string route) => Placeholder().Replace(route, "{}");

    [GeneratedRegex("\"((?:GET|POST|PUT|PATCH|DELETE) /[^\"]*)\"")]
    private static partial Regex EndpointLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();
}
