using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CarbonVoice.Sdk.Tests.Pagination;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Feeds;

/// <summary>A row of <see cref="FeedFakeApi"/>: a message with its creation and last-change times.</summary>
internal sealed record FeedRow(string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Conversation = "c1", string Transcript = "words");

/// <summary>
/// The two v6 feeds behind MockHttp, as the wire contract describes them: <c>{data, has_more, next_cursor}</c>, keyset
/// cursors (here the readable <c>ticks|id</c>), a date-anchored first <c>newer</c> page and the last page's resume cursor
/// both 4 s early, an empty cursor page echoing its cursor, 400 above 200 rows, on <c>channel_id</c> and on an unknown cursor.
/// </summary>
internal sealed class FeedFakeApi
{
    public static readonly TimeSpan Redelivery = TimeSpan.FromSeconds(4);

    public FeedFakeApi()
    {
        Mock.Fallback.Respond(request =>
        {
            var captured = new CapturedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), null);
            Requests.Enqueue(captured);
            return Override?.Invoke(captured) ?? Handle(captured);
        });
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public List<FeedRow> Rows { get; } = [];

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>Answers a request instead of the fake when it returns non-null.</summary>
    public Func<CapturedRequest, HttpResponseMessage?>? Override { get; set; }

    /// <summary>Rows per page whatever the limit (a service that serves short pages); the limit when null.</summary>
    public int? PageCap { get; set; }

    public CarbonVoiceClient Client() => Support.TestClients.Create(Mock);

    public static HttpResponseMessage Error(int status, string body)
        => new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private HttpResponseMessage Handle(CapturedRequest request)
    {
        var query = request.Query;
        var updates = request.Path.EndsWith("/updates", StringComparison.Ordinal);
        if (query.ContainsKey("channel_id"))
        {
            return Error(400, """{"statusCode":400,"message":["property channel_id should not exist"],"error":"Bad Request"}""");
        }

        var limit = int.Parse(query.GetValueOrDefault("limit", "200"), CultureInfo.InvariantCulture);
        if (limit is < 1 or > 200)
        {
            return Error(400, """{"statusCode":400,"message":["limit must not be greater than 200"],"error":"Bad Request"}""");
        }

        var newer = query.GetValueOrDefault("direction", updates ? "newer" : "older") == "newer";
        Func<FeedRow, DateTimeOffset> key = updates ? r => r.UpdatedAt : r => r.CreatedAt;
        var ordered = Rows.Where(r => !query.TryGetValue("conversation_id", out var c) || r.Conversation == c)
            .OrderBy(r => key(r)).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (!newer)
        {
            ordered.Reverse();
        }

        IEnumerable<FeedRow> candidates;
        var byCursor = query.TryGetValue("cursor", out var cursor);
        if (byCursor)
        {
            var parts = cursor!.Split('|');
            if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks))
            {
                return Error(400, """{"success":false,"requestId":"r-1","errmsg":"Invalid cursor"}""");
            }

            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            candidates = ordered.Where(r => After(key(r), r.Id, at, parts[1], newer));
        }
        else if (query.TryGetValue("date", out var date))
        {
            var anchor = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
            candidates = newer ? ordered.Where(r => key(r) >= anchor - Redelivery) : ordered.Where(r => key(r) <= anchor);
        }
        else
        {
            candidates = ordered;
        }

        var all = candidates.ToList();
        var page = all.Take(Math.Min(limit, PageCap ?? limit)).ToList();
        var hasMore = all.Count > page.Count;
        string? next;
        if (page.Count == 0)
        {
            next = byCursor ? cursor : null;
        }
        else if (hasMore)
        {
            next = Cursor(key(page[^1]), page[^1].Id);
        }
        else
        {
            next = newer ? Cursor(key(page[^1]) - Redelivery, string.Empty) : null;
        }

        var body = new JsonObject
        {
            ["data"] = new JsonArray([.. page.Select(r => (JsonNode)Row(r))]),
            ["has_more"] = hasMore,
            ["next_cursor"] = next,
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    public static string Cursor(DateTimeOffset at, string id) => FormattableString.Invariant($"{at.UtcTicks}|{id}");

    public static JsonObject Row(FeedRow row) => new()
    {
        ["id"] = row.Id,
        ["type"] = "channel",
        ["kind"] = "audio",
        ["created_at"] = row.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["updated_at"] = row.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["conversation_id"] = row.Conversation,
        ["workspace_id"] = "w1",
        ["creator_id"] = "u1",
        ["status"] = "active",
        ["thread_id"] = row.Id,
        ["content"] = new JsonObject
        {
            ["transcript"] = string.Empty,
            ["time_codes"] = new JsonArray([.. row.Transcript.Split(' ').Select((w, i) => (JsonNode)new JsonObject { ["t"] = w, ["s"] = i * 400, ["e"] = (i * 400) + 300 })]),
        },
    };

    private static bool After(DateTimeOffset rowKey, string rowId, DateTimeOffset at, string id, bool newer)
    {
        var byKey = rowKey.CompareTo(at);
        var order = byKey != 0 ? byKey : string.CompareOrdinal(rowId, id);
        return newer ? order > 0 : order < 0;
    }
}
