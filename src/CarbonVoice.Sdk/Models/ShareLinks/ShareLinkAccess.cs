namespace CarbonVoice.Sdk;

/// <summary>One entry of a <c>specified</c> share link's access list: a kind of audience and its ids.</summary>
public sealed record ShareLinkAccess : CarbonVoiceModel
{
    /// <summary>The audience: <c>user</c>, <c>channel</c>, <c>workspace</c> or <c>workspace_group</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The ids of those users, channels or workspaces.</summary>
    public required IReadOnlyList<string> Ids { get; init; }
}
