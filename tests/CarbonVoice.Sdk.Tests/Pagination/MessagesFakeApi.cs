using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CarbonVoice.Sdk.Tests.Support;
using RichardSzalay.MockHttp;

namespace CarbonVoice.Sdk.Tests.Pagination;

/// <summary>A message of <see cref="MessagesFakeApi"/>'s data set.</summary>
internal sealed record FakeMessage(string Id, DateTimeOffset CreatedAt, DateTimeOffset? LastUpdatedAt = null, int Sequence = 0, string Channel = "c1", bool Deleted = false)
{
    public DateTimeOffset Updated => LastUpdatedAt ?? CreatedAt;
}

/// <summary>A request as the fake saw it.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body)
{
    public string Path => Uri.AbsolutePath;

    public IReadOnlyDictionary<string, string> Query
        => Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : string.Empty);

    public JsonObject Json => JsonNode.Parse(Body!)!.AsObject();
}

/// <summary>
/// A small in-memory Carbon Voice behind MockHttp that serves the message endpoints as the wire contract describes them
/// (inclusive date cursors, sequence windows, cursor-enveloped id lists, bare by-ids arrays), and records every request.
/// </summary>
internal sealed class MessagesFakeApi
{
    public MessagesFakeApi()
    {
        Mock.Fallback.Respond(async request =>
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync();
            var captured = new CapturedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body);
            Requests.Enqueue(captured);
            return Override?.Invoke(captured) ?? Handle(captured);
        });
    }

    public MockHttpMessageHandler Mock { get; } = new();

    public List<FakeMessage> Messages { get; } = [];

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>Answers a request instead of the fake when it returns non-null.</summary>
    public Func<CapturedRequest, HttpResponseMessage?>? Override { get; set; }

    /// <summary>The most rows a date-cursor page returns whatever limit is asked (the real service caps pages); unlimited when null.</summary>
    public int? PageCap { get; init; }

    /// <summary>Whether by-ids answers in reverse order (the SDK must restore the requested order).</summary>
    public bool ReverseByIds { get; set; } = true;

    public IReadOnlyList<CapturedRequest> To(string pathPrefix)
        => Requests.Where(r => r.Path.StartsWith("/" + pathPrefix.TrimStart('/'), StringComparison.Ordinal)).ToList();

    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static HttpResponseMessage JsonResponse(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static JsonObject Legacy(FakeMessage message) => new()
    {
        ["message_id"] = message.Id,
        ["creator_id"] = "u1",
        ["created_at"] = Iso(message.CreatedAt),
        ["last_updated_at"] = Iso(message.Updated),
        ["deleted_at"] = message.Deleted ? Iso(message.Updated) : null,
        ["status"] = message.Deleted ? "deleted" : "active",
        ["channel_ids"] = new JsonArray(message.Channel),
        ["sequence"] = message.Sequence,
        ["text_models"] = new JsonArray(new JsonObject { ["type"] = "transcript", ["value"] = "said " + message.Id }),
    };

    public static JsonObject V5(FakeMessage message) => new()
    {
        ["id"] = message.Id,
        ["type"] = "channel",
        ["created_at"] = Iso(message.CreatedAt),
        ["updated_at"] = Iso(message.Updated),
        ["conversation_id"] = message.Channel,
        ["conversation_sequence"] = message.Sequence,
        ["status"] = "active",
        ["transcript"] = "said " + message.Id,
    };

    private HttpResponseMessage Handle(CapturedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method.Method, segments) switch
        {
            ("POST", ["v3", "messages", "recent"]) => ByDateBody(request, forceLastUpdated: false),
            ("POST", ["v3", "messages", "notified"]) => ByDateBody(request, forceLastUpdated: true),
            ("GET", ["v3", "messages", var channel, "by-id"]) => ByDate(
                request.Query.TryGetValue("date", out var date) ? DateTimeOffset.Parse(date, CultureInfo.InvariantCulture) : null,
                request.Query.GetValueOrDefault("direction", "older"),
                int.Parse(request.Query.GetValueOrDefault("limit", "50"), CultureInfo.InvariantCulture),
                useLastUpdated: false,
                channel),
            ("GET", ["v3", "messages", var channel, "sequential", var start, var stop]) => Window(channel, int.Parse(start, CultureInfo.InvariantCulture), int.Parse(stop, CultureInfo.InvariantCulture)),
            ("GET", ["v5", "conversations", var conversation, "messages", "ids"]) => Ids(request, conversation),
            ("POST", ["v5", "messages", "by-ids"]) => ByIds(request),
            _ => JsonResponse(HttpStatusCode.NotFound, """{"success":false,"requestId":"nf","errmsg":"no route"}"""),
        };
    }

    private HttpResponseMessage ByDateBody(CapturedRequest request, bool forceLastUpdated)
    {
        var body = request.Json;
        return ByDate(
            DateTimeOffset.Parse((string)body["date"]!, CultureInfo.InvariantCulture),
            (string?)body["direction"] ?? "older",
            (int)body["limit"]!,
            forceLastUpdated || ((bool?)body["use_last_updated"] ?? false),
            (string?)body["channel_id"]);
    }

    private HttpResponseMessage ByDate(DateTimeOffset? date, string direction, int limit, bool useLastUpdated, string? channel)
    {
        if (limit is < 1 or > 500)
        {
            return JsonResponse(HttpStatusCode.BadRequest, """{"statusCode":400,"message":"limit must not be greater than 500","error":"Bad Request"}""");
        }

        Func<FakeMessage, DateTimeOffset> ts = useLastUpdated ? m => m.Updated : m => m.CreatedAt;
        var candidates = Messages.Where(m => channel is null || m.Channel == channel);
        var ordered = direction == "newer"
            ? candidates.Where(m => date is null || ts(m) >= date).OrderBy(ts).ThenBy(m => m.Id, StringComparer.Ordinal)
            : candidates.Where(m => date is null || ts(m) <= date).OrderByDescending(ts).ThenBy(m => m.Id, StringComparer.Ordinal);
        return JsonResponse(HttpStatusCode.OK, new JsonArray([.. ordered.Take(Math.Min(limit, PageCap ?? limit)).Select(m => (JsonNode)Legacy(m))]).ToJsonString());
    }

    private HttpResponseMessage Window(string channel, int start, int stop)
    {
        var items = Messages.Where(m => m.Channel == channel && m.Sequence >= start && m.Sequence <= stop).OrderBy(m => m.Sequence);
        return JsonResponse(HttpStatusCode.OK, new JsonArray([.. items.Select(m => (JsonNode)Legacy(m))]).ToJsonString());
    }

    private HttpResponseMessage Ids(CapturedRequest request, string conversation)
    {
        var ids = Messages.Where(m => m.Channel == conversation).OrderBy(m => m.Sequence).Select(m => m.Id).ToList();
        var start = request.Query.TryGetValue("starting_after", out var cursor) ? int.Parse(cursor["cur-".Length..], CultureInfo.InvariantCulture) : 0;
        var limit = int.Parse(request.Query.GetValueOrDefault("limit", "100"), CultureInfo.InvariantCulture);
        var end = Math.Min(ids.Count, start + limit);
        var page = new JsonObject
        {
            ["results"] = new JsonArray([.. ids.Skip(start).Take(limit).Select(id => (JsonNode)id)]),
            ["has_more"] = end < ids.Count,
            ["next_cursor"] = end < ids.Count ? "cur-" + end.ToString(CultureInfo.InvariantCulture) : null,
            ["total"] = ids.Count,
        };
        return JsonResponse(HttpStatusCode.OK, page.ToJsonString());
    }

    private HttpResponseMessage ByIds(CapturedRequest request)
    {
        var body = request.Json;
        if (string.IsNullOrWhiteSpace((string?)body["conversation_id"]))
        {
            return JsonResponse(HttpStatusCode.BadRequest, """{"statusCode":400,"message":"conversation_id should not be empty","error":"Bad Request"}""");
        }

        var ids = body["message_ids"]?.AsArray().Select(id => (string)id!).ToList() ?? [];
        if (ids.Count is 0 or > 500)
        {
            return JsonResponse(HttpStatusCode.BadRequest, """{"statusCode":400,"message":["message_ids must contain between 1 and 500 elements"],"error":"Bad Request"}""");
        }

        var byId = Messages.ToDictionary(m => m.Id);
        var found = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        if (ReverseByIds)
        {
            found.Reverse();
        }

        return JsonResponse(HttpStatusCode.OK, new JsonArray([.. found.Select(m => (JsonNode)V5(m))]).ToJsonString());
    }

    /// <summary>Creates a client over this fake.</summary>
    public CarbonVoiceClient Client() => TestClients.Create(Mock);
}
