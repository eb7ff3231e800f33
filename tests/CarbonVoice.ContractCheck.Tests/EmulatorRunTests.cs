using CarbonVoice.ContractCheck.Tests.Support;

namespace CarbonVoice.ContractCheck.Tests;

/// <summary>The checker run in-process against the emulator.</summary>
public sealed class EmulatorRunTests
{
    [Fact]
    public async Task Every_route_is_called_and_no_answer_fails_to_parse()
    {
        await using var run = new EmulatorRun();
        var gaps = await run.ProbeGapsAsync();
        var exportId = await run.CreateExportAsync();

        var report = await run.CheckAsync(options: run.Options(exportId: exportId));

        Assert.Equal(ContractChecker.Routes.Select(r => r.Route), report.Routes.Select(r => r.Route));
        Assert.DoesNotContain(report.Routes, r => r.Outcome == RouteOutcome.ParseFailure);
        foreach (var route in report.Routes)
        {
            var (outcome, statuses) = gaps.Expected(route.Route);
            Assert.True(outcome == route.Outcome, $"{route.Route}: expected {outcome}, got {route.Outcome} (HTTP {string.Join(",", route.Statuses)}) {route.ExceptionType}: {route.ExceptionMessage} {route.Note}");
            Assert.NotEmpty(route.Statuses);
            if (statuses is not null)
            {
                Assert.Equal(statuses, route.Statuses);
            }
            else if (route.Route == RouteCatalog.ShareLink.Route && route.Statuses.Count > 1)
            {
                // Discovered links may be revoked or expired: the check tries the next one after a 403, and says so.
                Assert.All(route.Statuses.SkipLast(1), status => Assert.Equal(403, status));
                Assert.InRange(route.Statuses[^1], 200, 299);
                Assert.Contains("answered 403", route.Note, StringComparison.Ordinal);
            }
            else
            {
                Assert.All(route.Statuses, status => Assert.InRange(status, 200, 299));
            }
        }

        Assert.Equal(ReportSummary.Of(report.Routes), report.Summary);
        Assert.Equal(report.Routes.Any(r => r.IsFailure()) ? 1 : 0, report.ExitCode);
    }

    [Fact]
    public async Task Every_parsed_route_reports_its_fields_and_lists_report_their_paging()
    {
        await using var run = new EmulatorRun();

        var report = await run.CheckAsync();

        foreach (var (definition, route) in ContractChecker.Routes.Zip(report.Routes).Where(pair => pair.Second.Outcome == RouteOutcome.Ok))
        {
            Assert.Equal(definition.ItemType is not null, route.UnknownFields is not null);
            if (definition.ResponseKind == ResponseKind.Single)
            {
                Assert.Null(route.Paging);
                Assert.Equal(1, route.Items);
                Assert.Equal(definition.ItemType is not null, route.ModelledFieldsNeverSeen is not null);
            }
            else
            {
                Assert.NotNull(route.Paging);
                Assert.Equal(route.Statuses.Count, route.Paging.Pages.Count);
            }
        }
    }

    [Fact]
    public async Task Paged_lists_are_read_to_a_second_page_with_the_small_limit()
    {
        await using var run = new EmulatorRun();
        Assert.True(run.Emulator.Data.WorkspacesOf(run.User.Id).Count >= 2, "the seed gives the user two workspaces");

        var report = await run.CheckAsync();

        string[] paged = ["GET /v5/workspaces", "GET /v5/conversations/{id}/messages/ids", "GET /v3/messages/{channel_id}/by-id", "GET /v3/messages/{channel_id}/sequential/{start}/{stop}", "POST /v3/messages/recent"];
        foreach (var name in paged)
        {
            var paging = ReportAssert.Route(report, name).Paging;
            Assert.NotNull(paging);
            Assert.True(paging.PagedBySdk, name);
            Assert.True(paging.SecondPage, $"{name} read only {paging.Pages.Count} page(s)");
        }

        var workspaces = ReportAssert.Route(report, "GET /v5/workspaces").Paging!;
        Assert.Equal(1, workspaces.LimitAsked);
        Assert.Equal("results", workspaces.Pages[0].Envelope);
        Assert.True(workspaces.HasMorePresent);
        Assert.True(workspaces.NextCursorPresent);
        Assert.Equal(2, ReportAssert.Route(report, "GET /v5/conversations/{id}/messages/ids").Paging!.LimitAsked);
        Assert.Equal("bare array", ReportAssert.Route(report, "POST /v3/messages/recent").Envelope);
    }

    [Fact]
    public async Task Personal_access_tokens_and_api_keys_check_the_same_routes()
    {
        await using var run = new EmulatorRun();
        var oauth = await run.CheckAsync();

        var pat = await run.CheckAsync(options: run.Options(ContractCheckCredential.PersonalAccessToken(run.Emulator.CreatePersonalAccessToken(run.User.Id))));
        var apiKey = await run.CheckAsync(options: run.Options(ContractCheckCredential.ApiKey(run.Emulator.CreateApiKey(run.User.Id))));

        Assert.Equal(CredentialKind.PersonalAccessToken, pat.Authentication);
        Assert.Equal(CredentialKind.ApiKey, apiKey.Authentication);
        Assert.Equal(oauth.Routes.Select(r => (r.Route, r.Outcome)), pat.Routes.Select(r => (r.Route, r.Outcome)));
        foreach (var (expected, actual) in oauth.Routes.Zip(apiKey.Routes))
        {
            Assert.Equal(expected.Route == "GET /oauth/userinfo" ? RouteOutcome.NotApplicable : expected.Outcome, actual.Outcome);
        }
    }
}
