using System.Globalization;

namespace CarbonVoice.Sdk.Testing;

/// <summary>The query of a v6 feed, validated: problems answer 400 with the NestJS body, an undecodable cursor 400 "Invalid cursor".</summary>
internal sealed class FeedRequest
{
    public int Limit { get; private init; }

    /// <summary>The direction asked (null: the cursor's, else the feed's default).</summary>
    public bool? Newer { get; private init; }
    public long? DateMs { get; private init; }
    public string? RawCursor { get; private init; }
    public FeedCursor? Cursor { get; private init; }
    public string? ConversationId { get; private init; }
    public bool PresignedUrl { get; private init; }

    public static bool TryParse(RequestContext context, out FeedRequest request)
    {
        var query = context.Request;
        var problems = new List<string>();
        if (query.Query("channel_id") is not null)
        {
            problems.Add("property channel_id should not exist");
        }

        var limit = MessageV6Endpoints.MaxFeedLimit;
        if (query.Query("limit") is { } rawLimit)
        {
            if (!int.TryParse(rawLimit, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
            {
                problems.Add("limit must be an integer number");
            }
            else if (limit < 1)
            {
                problems.Add("limit must not be less than 1");
            }
            else if (limit > MessageV6Endpoints.MaxFeedLimit)
            {
                problems.Add($"limit must not be greater than {MessageV6Endpoints.MaxFeedLimit}");
            }
        }

        bool? newer = null;
        switch (query.Query("direction"))
        {
            case null:
                break;
            case "newer":
                newer = true;
                break;
            case "older":
                newer = false;
                break;
            default:
                problems.Add("direction must be one of the following values: newer, older");
                break;
        }

        var rawDate = query.Query("date");
        var date = JsonFormat.ParseTime(rawDate);
        if (!string.IsNullOrEmpty(rawDate) && date is null)
        {
            problems.Add("date must be a valid ISO 8601 date string");
        }

        request = null!;
        if (problems.Count > 0)
        {
            context.ValidationError([.. problems]);
            return false;
        }

        var rawCursor = query.Query("cursor");
        FeedCursor? cursor = null;
        if (!string.IsNullOrEmpty(rawCursor))
        {
            cursor = FeedCursor.Decode(rawCursor);
            if (cursor is null)
            {
                context.Error(400, "Invalid cursor");
                return false;
            }
        }

        request = new FeedRequest
        {
            Limit = limit,
            Newer = newer,
            DateMs = date,
            RawCursor = cursor is null ? null : rawCursor,
            Cursor = cursor,
            ConversationId = query.Query("conversation_id") is { Length: > 0 } conversationId ? conversationId : null,
            PresignedUrl = string.Equals(query.Query("presigned_url"), "true", StringComparison.OrdinalIgnoreCase),
        };
        return true;
    }
}
