namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /action-items</c>.</summary>
public sealed record CreateActionItemRequest
{
    /// <summary>The title (required).</summary>
    public required string Title { get; init; }

    /// <summary>The container type (required): see <see cref="ActionItemContainerTypes"/>.</summary>
    public required string ContainerType { get; init; }

    /// <summary>The container id (required): a conversation, folder or workspace id.</summary>
    public required string ContainerId { get; init; }

    /// <summary>Notes.</summary>
    public string? NotesText { get; init; }

    /// <summary>The assignee's user id.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>The due date, sent as an ISO date (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The message the item comes from.</summary>
    public string? SourceMessageId { get; init; }
}
