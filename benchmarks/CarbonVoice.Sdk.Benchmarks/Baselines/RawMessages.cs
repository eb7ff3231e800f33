using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk.Benchmarks.Baselines;

// What a hand-written client of the v6 history feed declares: the same fields as the SDK's MessageV6, plain records.

internal sealed record RawMessagePage(IReadOnlyList<RawMessage> Data, bool HasMore, string? NextCursor);

internal sealed record RawMessage(
    string Id,
    string? Type,
    string? Kind,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? DeletedAt,
    string? ConversationId,
    string? WorkspaceId,
    string? CreatorId,
    string? Status,
    string? ThreadId,
    string? FolderId,
    string? Link,
    IReadOnlyList<RawAttachment>? Attachments,
    string? ShareLinkId,
    RawReactionSummary? ReactionSummary,
    IReadOnlyList<string>? TaggedUserIds,
    string? Notes,
    RawContent? Content);

internal sealed record RawContent(
    string? Transcript,
    string? AiSummary,
    IReadOnlyList<RawTimecode>? TimeCodes,
    string? Language,
    bool? IsOriginalLanguage,
    string? Url,
    string? StreamingUrl,
    string? PresignedUrl,
    long? DurationMs,
    string? WaveformPercentage);

internal sealed record RawTimecode([property: JsonPropertyName("t")] string? Text, [property: JsonPropertyName("s")] double? Start, [property: JsonPropertyName("e")] double? End);

internal sealed record RawAttachment(
    string? Id,
    string? CreatorId,
    DateTimeOffset? CreatedAt,
    string? Type,
    string? Url,
    string? PresignedUrl,
    string? Filename,
    string? MimeType,
    long? LengthInBytes,
    string? Status);

internal sealed record RawReactionSummary(
    IReadOnlyDictionary<string, long>? ReactionCounts,
    IReadOnlyList<RawUserReaction>? TopUserReactions,
    IReadOnlyList<RawEmojiReaction>? TopUserEmojis);

internal sealed record RawUserReaction(string? UserId, string? ReactionId);

internal sealed record RawEmojiReaction(string? Reaction, long? Count, IReadOnlyList<string>? UserIds);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RawMessagePage))]
internal sealed partial class RawJsonContext : JsonSerializerContext;
