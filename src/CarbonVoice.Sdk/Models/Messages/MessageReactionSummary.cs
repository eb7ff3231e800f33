namespace CarbonVoice.Sdk;

/// <summary>The reactions to a message.</summary>
public sealed record MessageReactionSummary : CarbonVoiceModel
{
    /// <summary>How many times each reaction (by reaction id) was given.</summary>
    public IReadOnlyDictionary<string, long>? ReactionCounts { get; init; }

    /// <summary>A sample of who reacted with what.</summary>
    public IReadOnlyList<MessageUserReaction>? TopUserReactions { get; init; }
}

/// <summary>One user's reaction to a message.</summary>
public sealed record MessageUserReaction : CarbonVoiceModel
{
    /// <summary>The user id.</summary>
    public string? UserId { get; init; }

    /// <summary>The reaction id.</summary>
    public string? ReactionId { get; init; }
}
