namespace CarbonVoice.Sdk;

/// <summary>A reaction users can put on a message, as <c>GET /reactions</c> (confirmed) lists it.</summary>
public sealed record Reaction : CarbonVoiceModel
{
    /// <summary>The reaction id, the value of <c>reaction_id</c> in a message's reaction summary.</summary>
    public required string Id { get; init; }

    /// <summary>The name, for example <c>thumbs up</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The emoji or code of the reaction.</summary>
    public string? Code { get; init; }

    /// <summary>The words a text-to-speech voice says for the reaction.</summary>
    public string? ReactionTts { get; init; }

    /// <summary>The URL of the reaction's image.</summary>
    public string? ImageUrl { get; init; }
}
