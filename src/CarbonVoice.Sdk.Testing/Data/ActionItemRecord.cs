namespace CarbonVoice.Sdk.Testing;

internal sealed class ActionItemRecord
{
    /// <summary>The statuses an action item can have.</summary>
    public static readonly string[] Statuses = ["suggested", "todo", "done"];

    /// <summary>The container types an action item can live in (there is no <c>workspace</c> container).</summary>
    public static readonly string[] ContainerTypes = ["channel", "folder", "home"];

    public required string Id { get; init; }
    public required string Title { get; set; }
    public string? NotesText { get; set; }
    public required string Status { get; set; }
    public required UserRecord Creator { get; init; }

    /// <summary>Who changed it last; the creator until someone updates it.</summary>
    public UserRecord? LastUpdatedBy { get; set; }
    public UserRecord? AssignedTo { get; set; }
    public required WorkspaceRecord Workspace { get; init; }
    public required string ContainerType { get; init; }
    public required string ContainerId { get; init; }
    public string? SourceMessageId { get; init; }
    public string? DueDate { get; set; }
    public required long CreatedMs { get; init; }
    public long UpdatedMs { get; set; }
    public long DeletedMs { get; set; }
}
