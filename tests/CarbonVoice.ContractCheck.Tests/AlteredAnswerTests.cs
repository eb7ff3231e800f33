using CarbonVoice.ContractCheck.Tests.Support;

namespace CarbonVoice.ContractCheck.Tests;

/// <summary>
/// Each column of the report can fail: the emulator's answer to one route is altered (a field added, a field dropped,
/// a body broken, a status changed, the envelope or page size changed) and the report must show exactly that change
/// on exactly that route, every other route reporting what an unaltered run reports.
/// </summary>
public sealed class AlteredAnswerTests
{
    [Fact]
    public async Task An_added_field_is_reported_as_not_modelled_with_its_path()
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        using var handler = run.Altering("GET", "^/v2/channel/[^/]+$", JsonEdits.Json(node =>
        {
            JsonEdits.Set(node, "zz_added", 1);
            JsonEdits.Set(node, "json_collaborators[].zz_nested", true);
        }));

        var altered = await run.CheckAsync(handler);

        const string route = "GET /v2/channel/{channel_guid}";
        Assert.True(handler.Altered > 0);
        var before = ReportAssert.Route(baseline, route);
        var expected = before with { UnknownFields = ReportAssert.With(before.UnknownFields, "json_collaborators[].zz_nested", "zz_added") };
        Assert.Equal(ReportAssert.Fingerprint(expected), ReportAssert.Fingerprint(ReportAssert.Route(altered, route) with { EnvelopeKeys = before.EnvelopeKeys }));
        Assert.Contains("zz_added", ReportAssert.Route(altered, route).EnvelopeKeys);
        ReportAssert.OthersUnchanged(baseline, altered, route);
        Assert.Equal(baseline.Summary.WithUnknownFields + (before.UnknownFields is { Count: > 0 } ? 0 : 1), altered.Summary.WithUnknownFields);
    }

    [Theory]
    [InlineData("GET /v5/workspaces/{id}", "GET", "^/v5/workspaces/[^/]+$", "vanity_name", "vanity_name")]
    [InlineData("GET /channel/{channel_guid}", "GET", "^/channel/[^/]+$", "json_collaborators[].permission", "json_collaborators[].permission")]
    [InlineData("GET /v5/messages/{id}", "GET", "^/v5/messages/[^/]+$", "message.status", "status")]
    [InlineData("POST /v5/messages/by-ids", "POST", "^/v5/messages/by-ids$", "[].link", "link")]
    public async Task A_dropped_field_is_reported_as_never_seen(string route, string method, string pathPattern, string removedPath, string reportedPath)
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        var before = ReportAssert.Route(baseline, route);
        Assert.DoesNotContain(reportedPath, before.ModelledFieldsNeverSeen!);
        using var handler = run.Altering(method, pathPattern, JsonEdits.Json(node =>
        {
            if (removedPath.StartsWith("[].", StringComparison.Ordinal))
            {
                foreach (var item in node.AsArray())
                {
                    JsonEdits.Remove(item!, removedPath[3..]);
                }
            }
            else
            {
                JsonEdits.Remove(node, removedPath);
            }
        }));

        var altered = await run.CheckAsync(handler);

        Assert.True(handler.Altered > 0);
        var after = ReportAssert.Route(altered, route);
        var expected = before with { ModelledFieldsNeverSeen = ReportAssert.With(before.ModelledFieldsNeverSeen, reportedPath) };
        Assert.Equal(ReportAssert.Fingerprint(expected), ReportAssert.Fingerprint(after with { EnvelopeKeys = before.EnvelopeKeys }));
        ReportAssert.OthersUnchanged(baseline, altered, route);
    }

    [Theory]
    [InlineData("{\"id\": \"x\", \"name\": ")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("{\"id\": \"x\", \"created_at\": true}")]
    public async Task A_body_the_sdk_cannot_read_is_a_parse_failure_and_fails_the_run(string body)
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        using var handler = run.Altering("GET", "^/v3/workspaces/[^/]+$", JsonEdits.Replace(200, body));

        var altered = await run.CheckAsync(handler);

        const string route = "GET /v3/workspaces/{guid}";
        Assert.True(handler.Altered > 0);
        var after = ReportAssert.Route(altered, route);
        Assert.Equal(RouteOutcome.Ok, ReportAssert.Route(baseline, route).Outcome);
        Assert.Equal(RouteOutcome.ParseFailure, after.Outcome);
        Assert.Equal("CarbonVoiceMalformedResponseException", after.ExceptionType);
        Assert.Contains("GET /v3/workspaces/{guid}", after.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal([200], after.Statuses);
        Assert.Null(after.Items);
        Assert.Null(after.UnknownFields);
        Assert.Null(after.ModelledFieldsNeverSeen);
        Assert.True(after.IsFailure());
        Assert.Equal(baseline.Summary.ParseFailures + 1, altered.Summary.ParseFailures);
        Assert.Equal(1, altered.ExitCode);
        ReportAssert.OthersUnchanged(baseline, altered, route);
    }

    [Theory]
    [InlineData(400, RouteOutcome.Error, true)]
    [InlineData(403, RouteOutcome.Forbidden, false)]
    [InlineData(404, RouteOutcome.NotFound, false)]
    public async Task An_error_status_is_reported_with_the_status(int status, RouteOutcome outcome, bool failure)
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        using var handler = run.Altering("GET", "^/users$", JsonEdits.Replace(status, "{\"success\": false, \"requestId\": \"r-1\", \"errmsg\": \"altered by the test\"}"));

        var altered = await run.CheckAsync(handler);

        const string route = "GET /users";
        var after = ReportAssert.Route(altered, route);
        Assert.Equal(outcome, after.Outcome);
        Assert.Equal([status], after.Statuses);
        Assert.Contains("altered by the test", after.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(failure, after.IsFailure());
        Assert.Equal(failure ? 1 : baseline.ExitCode, altered.ExitCode);
        ReportAssert.OthersUnchanged(baseline, altered, route);
    }

    [Fact]
    public async Task A_server_error_that_outlasts_the_retries_is_an_error_marked_transient()
    {
        await using var run = new EmulatorRun();
        using var handler = run.Altering("GET", "^/users$", JsonEdits.Replace(502, "<html>Bad gateway</html>"));

        var altered = await run.CheckAsync(handler, run.Options() with { MaxRetryAttempts = 0 });

        var after = ReportAssert.Route(altered, "GET /users");
        Assert.Equal(RouteOutcome.Error, after.Outcome);
        Assert.Equal([502], after.Statuses);
        Assert.Equal("CarbonVoiceServerException", after.ExceptionType);
        Assert.Contains("transient", after.Note, StringComparison.Ordinal);
        Assert.Equal(1, altered.ExitCode);
    }

    [Fact]
    public async Task When_discovery_fails_the_routes_that_need_its_ids_are_not_applicable_not_failures()
    {
        await using var run = new EmulatorRun();
        using var handler = run.Altering("GET", "^/channels/[^/]+$", JsonEdits.Replace(403, "{\"success\": false, \"requestId\": \"r-3\", \"errmsg\": \"Forbidden\"}"));

        var altered = await run.CheckAsync(handler);

        Assert.Equal(RouteOutcome.Forbidden, ReportAssert.Route(altered, "GET /channels/{workspace_guid}").Outcome);
        Assert.Equal(RouteOutcome.Ok, ReportAssert.Route(altered, "GET /channels/{workspace_guid}/available").Outcome);
        Assert.Equal(RouteOutcome.Ok, ReportAssert.Route(altered, "GET /v5/workspaces/{id}").Outcome);
        foreach (var route in new[] { "GET /v2/channel/{channel_guid}", "GET /v5/conversations/{id}/messages/ids", "GET /v6/messages/{id}", "POST /v5/messages/by-ids", "GET /action-items/{container_type}/{container_id}" })
        {
            var report = ReportAssert.Route(altered, route);
            Assert.Equal(RouteOutcome.NotApplicable, report.Outcome);
            Assert.Contains("no conversation", report.Note, StringComparison.Ordinal);
            Assert.Empty(report.Statuses);
        }

        Assert.Equal(RouteOutcome.Ok, ReportAssert.Route(altered, "GET /v6/messages").Outcome);
        Assert.Contains("every conversation", ReportAssert.Route(altered, "GET /v6/messages").Note, StringComparison.Ordinal);
        Assert.False(altered.HasFailures);
    }

    [Fact]
    public async Task A_conversation_without_a_summary_is_not_found_with_a_note_and_no_failure()
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        using var handler = run.Altering("GET", "^/channels/[^/]+/summary$", JsonEdits.Replace(404, "{\"success\": false, \"requestId\": \"r-2\", \"errmsg\": \"No summary exists for this channel\"}"));

        var altered = await run.CheckAsync(handler);

        const string route = "GET /channels/{channel_guid}/summary";
        Assert.Null(ReportAssert.Route(baseline, route).Note);
        var after = ReportAssert.Route(altered, route);
        Assert.Equal(RouteOutcome.NotFound, after.Outcome);
        Assert.Equal("CarbonVoiceNotFoundException", after.ExceptionType);
        Assert.Contains("no summary yet", after.Note, StringComparison.Ordinal);
        Assert.Equal(baseline.ExitCode, altered.ExitCode);
        ReportAssert.OthersUnchanged(baseline, altered, route);
    }

    [Fact]
    public async Task Another_envelope_without_paging_keys_is_reported()
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        const string route = "GET /action-items/mine";
        var before = ReportAssert.Route(baseline, route).Paging!;
        Assert.True(before.SecondPage && before.HasMorePresent && before.NextCursorPresent, "the seed gives the user more than one page of action items");
        using var handler = run.Altering("GET", "^/action-items/mine$", JsonEdits.Json(node =>
        {
            var obj = node.AsObject();
            var results = obj["results"]!.DeepClone();
            obj.Clear();
            obj["data"] = results;
        }));

        var altered = await run.CheckAsync(handler);

        var after = ReportAssert.Route(altered, route);
        Assert.Equal(RouteOutcome.Ok, after.Outcome);
        Assert.Equal("data", after.Envelope);
        Assert.Equal(["data"], after.EnvelopeKeys);
        Assert.False(after.Paging!.HasMorePresent);
        Assert.False(after.Paging.NextCursorPresent);
        Assert.False(after.Paging.SecondPage);
        Assert.Equal([CursorState.Absent], after.Paging.Pages.Select(p => p.NextCursor));
        ReportAssert.OthersUnchanged(baseline, altered, route);
    }

    [Fact]
    public async Task A_page_capped_below_the_limit_is_reported()
    {
        await using var run = new EmulatorRun();
        var baseline = await run.CheckAsync();
        const string route = "POST /v3/search";
        Assert.False(ReportAssert.Route(baseline, route).Paging!.ShortPageBeforeEnd);
        using var handler = run.Altering("POST", "^/v3/search$", JsonEdits.Json(node =>
        {
            var results = node["results"]!.AsArray();
            while (results.Count > 1)
            {
                results.RemoveAt(results.Count - 1);
            }
        }));

        var altered = await run.CheckAsync(handler);

        var paging = ReportAssert.Route(altered, route).Paging!;
        Assert.True(paging.ShortPageBeforeEnd);
        Assert.Equal([1, 1], paging.Pages.Select(p => p.Items));
        Assert.Equal([2, 2], paging.Pages.Select(p => p.Limit));
        Assert.Contains("caps pages", paging.Note, StringComparison.Ordinal);
        ReportAssert.OthersUnchanged(baseline, altered, route);
    }
}
