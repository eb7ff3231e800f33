namespace CarbonVoice.Sdk;

/// <summary>
/// The container types of action items (<see cref="ActionItem.ContainerType"/>, the <c>container_type</c> route segment):
/// <c>channel</c>, <c>folder</c> and <c>home</c> are the only ones Carbon Voice has (confirmed by its contracts); there is
/// no workspace container.
/// </summary>
public static class ActionItemContainerTypes
{
    /// <summary>A conversation (channel).</summary>
    public const string Channel = "channel";

    /// <summary>A folder.</summary>
    public const string Folder = "folder";

    /// <summary>The user's home.</summary>
    public const string Home = "home";

    /// <summary>Whether <paramref name="containerType"/> is one of the confirmed container types (ordinal, case-sensitive as on the wire).</summary>
    /// <param name="containerType">The container type.</param>
    public static bool IsKnown(string? containerType) => containerType is Channel or Folder or Home;

    internal static void Validate(string? containerType, string parameterName, string field)
    {
        if (!IsKnown(containerType))
        {
            throw new ArgumentException($"{field} must be '{Channel}', '{Folder}' or '{Home}', not '{containerType}' (Carbon Voice has no other action-item container; it answers 400).", parameterName);
        }
    }
}

/// <summary>The statuses of action items (<see cref="ActionItem.Status"/>, <see cref="ActionItemListOptions.Status"/>).</summary>
public static class ActionItemStatuses
{
    /// <summary>Suggested by the AI, not yet accepted.</summary>
    public const string Suggested = "suggested";

    /// <summary>To do.</summary>
    public const string Todo = "todo";

    /// <summary>Done.</summary>
    public const string Done = "done";

    /// <summary>Whether <paramref name="status"/> is one of the three statuses.</summary>
    /// <param name="status">The status.</param>
    public static bool IsKnown(string? status) => status is Suggested or Todo or Done;
}
