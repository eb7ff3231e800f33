namespace CarbonVoice.Sdk;

/// <summary>The reactions to a message.</summary>
public sealed record MessageReactionSummary : CarbonVoiceModel
{
    /// <summary>How many times each reaction (by reaction id) was given.</summary>
    public IReadOnlyDictionary<string, long>? ReactionCounts { get; init; }

    /// <summary>A sample of who reacted with what.</summary>
    public IReadOnlyList<MessageUserReaction>? TopUserReactions { get; init; }

    /// <summary>The most used emoji reactions, with who gave them (v6).</summary>
    public IReadOnlyList<MessageEmojiReaction>? TopUserEmojis { get; init; }
}

/// <summary>One emoji reaction with its count and the users who gave it (<c>top_user_emojis[]</c>).</summary>
public sealed record MessageEmojiReaction : CarbonVoiceModel
{
    /// <summary>The reaction (an emoji or reaction id).</summary>
    public string? Reaction { get; init; }

    /// <summary>How many times it was given.</summary>
    public long? Count { get; init; }

    /// <summary>The users who gave it.</summary>
    public IReadOnlyList<string>? UserIds { get; init; }
}

/// <summary>One user's reaction to a message.</summary>
public sealed record MessageUserReaction : CarbonVoiceModel
{
    /// <summary>The user id.</summary>
    public string? UserId { get; init; }

    /// <summary>The reaction id.</summary>
    public string? ReactionId { get; init; }
}
