namespace CarbonVoice.Sdk;

/// <summary>An action item (a to-do) attached to a conversation, folder, home or workspace.</summary>
public sealed record ActionItem : CarbonVoiceModel
{
    /// <summary>The action item id.</summary>
    public required string Id { get; init; }

    /// <summary>The status: <c>suggested</c>, <c>todo</c> or <c>done</c> (see <see cref="ActionItemStatuses"/>).</summary>
    public string? Status { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>Notes.</summary>
    public string? NotesText { get; init; }

    /// <summary>The creator's user id.</summary>
    public string? CreatorId { get; init; }

    /// <summary>The user id of whoever changed it last.</summary>
    public string? LastUpdatedBy { get; init; }

    /// <summary>The assignee's user id.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>The workspace id.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The id of the container (conversation, folder, home or workspace).</summary>
    public string? ContainerId { get; init; }

    /// <summary>The container type: <c>channel</c>, <c>folder</c>, <c>home</c> or <c>workspace</c> (see <see cref="ActionItemContainerTypes"/>).</summary>
    public string? ContainerType { get; init; }

    /// <summary>The message the item came from.</summary>
    public string? SourceMessageId { get; init; }

    /// <summary>The due date.</summary>
    public DateTimeOffset? DueDate { get; init; }

    /// <summary>When the item was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the item last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the item was deleted, if it was.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}
