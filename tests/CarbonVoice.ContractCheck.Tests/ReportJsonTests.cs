using System.Text.Json;
using CarbonVoice.ContractCheck.Tests.Support;

namespace CarbonVoice.ContractCheck.Tests;

public sealed class ReportJsonTests
{
    [Fact]
    public async Task The_json_report_round_trips()
    {
        await using var run = new EmulatorRun();
        var report = await run.CheckAsync();

        var json = ReportJson.Serialize(report);
        var read = ReportJson.Deserialize(json);

        Assert.Equal(json, ReportJson.Serialize(read));
        Assert.Equal(report.Summary, read.Summary);
        Assert.Equal(report.ExitCode, read.ExitCode);
        Assert.Equal(report.Routes.Select(ReportAssert.Fingerprint), read.Routes.Select(ReportAssert.Fingerprint));
        Assert.Equal(report.Routes.Select(r => r.ExceptionMessage), read.Routes.Select(r => r.ExceptionMessage));
    }

    [Fact]
    public async Task The_json_uses_snake_case_names_and_string_enums()
    {
        await using var run = new EmulatorRun();
        var report = await run.CheckAsync();

        using var document = JsonDocument.Parse(ReportJson.Serialize(report));

        var root = document.RootElement;
        Assert.Equal("oauth_access_token", root.GetProperty("authentication").GetString());
        var routes = root.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(ContractChecker.Routes.Count, routes.Count);
        var whoami = routes.Single(r => r.GetProperty("route").GetString() == "GET /whoami");
        Assert.Equal("C", whoami.GetProperty("evidence").GetString());
        Assert.Equal("ok", whoami.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Array, whoami.GetProperty("modelled_fields_never_seen").ValueKind);
        Assert.Equal("wrapped in \"user\"", whoami.GetProperty("envelope").GetString());
        var workspaces = routes.Single(r => r.GetProperty("route").GetString() == "GET /v5/workspaces");
        Assert.Equal("value", workspaces.GetProperty("paging").GetProperty("pages")[0].GetProperty("next_cursor").GetString());
        Assert.Contains("\"parse_failures\": 0", ReportJson.Serialize(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_with_every_outcome_round_trips()
    {
        var routes = Enum.GetValues<RouteOutcome>().Select((outcome, i) => new RouteReport
        {
            Route = ContractChecker.Routes[i].Route,
            Evidence = ContractChecker.Routes[i].Evidence,
            Outcome = outcome,
            Statuses = [200, 502],
            ExceptionType = "T",
            ExceptionMessage = "quote \" and ünïcode",
            UnknownFields = outcome == RouteOutcome.Ok ? ["a", "b[].c"] : null,
            Paging = new PagingReport { LimitAsked = 2, Pages = [new PageObservation { Envelope = "data", Items = 1, Limit = 2, HasMore = true, HasMorePresent = true, NextCursor = CursorState.Null }], ShortPageBeforeEnd = true, Note = "n" },
        }).ToList();
        var report = new ContractReport { BaseAddress = "http://x/", Authentication = CredentialKind.ApiKey, Summary = ReportSummary.Of(routes), Routes = routes };

        var json = ReportJson.Serialize(report);

        Assert.Equal(json, ReportJson.Serialize(ReportJson.Deserialize(json)));
        Assert.Contains("quote \\\" and ünïcode", json, StringComparison.Ordinal);
        Assert.Equal(1, ReportJson.Deserialize(json).ExitCode);
    }
}
