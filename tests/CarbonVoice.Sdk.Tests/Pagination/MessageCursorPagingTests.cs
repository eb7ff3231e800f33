using System.Net;
using System.Text.Json.Nodes;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>Cursor-envelope paging of the message endpoints (<c>POST /v3/search</c> with <c>starting_after</c> in the body, <c>GET .../messages/ids</c>).</summary>
public sealed class MessageCursorPagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 3, 9, 0, 0, TimeSpan.Zero);

    private static string Page(IEnumerable<string> ids, string? next)
        => new JsonObject
        {
            ["results"] = new JsonArray([.. ids.Select(id => (JsonNode)MessagesFakeApi.Legacy(new FakeMessage(id, T0)))]),
            ["has_more"] = next is not null,
            ["next_cursor"] = next,
            ["total"] = 7,
        }.ToJsonString();

    private static MessagesFakeApi ThreeSearchPages()
    {
        var api = new MessagesFakeApi();
        api.Override = request => (string?)request.Json["starting_after"] switch
        {
            null => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, Page(["a", "b", "c"], "cur-b")),
            "cur-b" => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, Page(["c", "d", "e"], "cur-e")),
            "cur-e" => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, Page(["f", "g"], null)),
            _ => MessagesFakeApi.JsonResponse(HttpStatusCode.BadRequest, """{"success":false,"requestId":"x","errmsg":"bad cursor"}"""),
        };
        return api;
    }

    [Fact]
    public async Task Search_follows_the_cursor_over_three_pages_and_yields_a_repeated_record_once()
    {
        var api = ThreeSearchPages();
        using var client = api.Client();

        var results = await client.Messages.SearchAsync(new MessageSearchRequest { Query = "launch", WorkspaceId = "w1", PageSize = 3 }).ToListAsync();

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], results.Select(m => m.Id));
        var bodies = api.Requests.Select(r => r.Json.ToJsonString()).ToList();
        Assert.Equal(
            [
                """{"query":"launch","workspace_id":"w1","limit":3}""",
                """{"query":"launch","workspace_id":"w1","limit":3,"starting_after":"cur-b"}""",
                """{"query":"launch","workspace_id":"w1","limit":3,"starting_after":"cur-e"}""",
            ],
            bodies);
    }

    [Fact]
    public async Task Search_pages_expose_the_cursor_and_resume_from_it()
    {
        var api = ThreeSearchPages();
        using var client = api.Client();

        var tokens = new List<string?>();
        await foreach (var page in client.Messages.SearchAsync(new MessageSearchRequest { Query = "launch" }).AsPages("cur-b"))
        {
            tokens.Add(page.ContinuationToken);
        }

        Assert.Equal(["cur-e", null], tokens);
        Assert.Equal(2, api.Requests.Count);
    }

    [Fact]
    public async Task Search_accepts_a_bare_array_as_a_single_page()
    {
        var api = new MessagesFakeApi();
        api.Override = _ => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, new JsonArray(MessagesFakeApi.Legacy(new FakeMessage("only", T0))).ToJsonString());
        using var client = api.Client();

        var results = await client.Messages.SearchAsync(new MessageSearchRequest { Query = "x" }).ToListAsync();

        Assert.Equal(["only"], results.Select(m => m.Id));
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Search_stops_after_the_first_page_when_the_caller_stops()
    {
        var api = ThreeSearchPages();
        using var client = api.Client();

        await foreach (var message in client.Messages.SearchAsync(new MessageSearchRequest { Query = "launch" }))
        {
            break;
        }

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task Search_cancellation_stops_the_enumeration()
    {
        var api = ThreeSearchPages();
        using var client = api.Client();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var message in client.Messages.SearchAsync(new MessageSearchRequest { Query = "launch" }).WithCancellation(cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });

        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task A_cursor_that_does_not_advance_stops_with_a_clear_error()
    {
        var api = new MessagesFakeApi();
        api.Override = _ => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, Page(["a"], "same"));
        using var client = api.Client();

        var error = await Assert.ThrowsAsync<CarbonVoiceMalformedResponseException>(() => client.Messages.SearchAsync(new MessageSearchRequest { Query = "q" }).ToListAsync());

        Assert.Contains("same", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Requests.Count);
    }

    [Theory]
    [InlineData("""{"results": ["m1", "m2"], "has_more": true, "next_cursor": "n1"}""")]
    [InlineData("""["m1", "m2"]""")]
    [InlineData("""[{"id": "m1"}, {"id": "m2", "sequence": 2}]""")]
    [InlineData("""{"results": [{"message_id": "m1"}, "m2"], "has_more": false}""")]
    public async Task Message_ids_accept_strings_objects_envelopes_and_bare_arrays(string firstPage)
    {
        var api = new MessagesFakeApi();
        api.Override = request => MessagesFakeApi.JsonResponse(HttpStatusCode.OK, request.Query.ContainsKey("starting_after") ? """{"results": ["m3"], "has_more": false, "next_cursor": null}""" : firstPage);
        using var client = api.Client();

        var ids = await client.Messages.ListIdsAsync("c1", pageSize: 2).ToListAsync();

        var expected = firstPage.Contains("n1", StringComparison.Ordinal) ? new[] { "m1", "m2", "m3" } : ["m1", "m2"];
        Assert.Equal(expected, ids);
        var first = api.Requests.First();
        Assert.Equal("/v5/conversations/c1/messages/ids", first.Path);
        Assert.Equal("2", first.Query["limit"]);
        if (expected.Length == 3)
        {
            Assert.Equal("n1", api.Requests.Last().Query["starting_after"]);
        }
    }
}
