namespace CarbonVoice.Sdk;

/// <summary>The container types of action items (<see cref="ActionItem.ContainerType"/>, the <c>container_type</c> route segment).</summary>
public static class ActionItemContainerTypes
{
    /// <summary>A conversation (channel).</summary>
    public const string Channel = "channel";

    /// <summary>A folder.</summary>
    public const string Folder = "folder";

    /// <summary>The user's home.</summary>
    public const string Home = "home";

    /// <summary>A workspace.</summary>
    public const string Workspace = "workspace";
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
}
