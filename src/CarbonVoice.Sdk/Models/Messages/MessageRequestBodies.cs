namespace CarbonVoice.Sdk.Internal;

/// <summary>The body of <c>POST /v5/messages/by-ids</c>.</summary>
internal sealed record MessagesByIdsBody(string ConversationId, IReadOnlyList<string> MessageIds);

/// <summary>The body of <c>POST /v3/messages/recent</c> and <c>POST /v3/messages/notified</c>; <c>date</c> is pre-formatted ISO-8601.</summary>
internal sealed record MessagesByDateBody(string Date, string Direction, int Limit, bool UseLastUpdated, string? ChannelId);

/// <summary>The body of <c>POST /v3/search</c>.</summary>
internal sealed record MessageSearchBody(string Query, string? WorkspaceId, string? ChannelId, int? Limit, string? StartingAfter);
