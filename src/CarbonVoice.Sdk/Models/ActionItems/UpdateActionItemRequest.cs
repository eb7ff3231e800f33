namespace CarbonVoice.Sdk;

/// <summary>The body of <c>PUT /action-items/{id}</c>: a partial update; a property left null is not sent and stays as it is.</summary>
public sealed record UpdateActionItemRequest
{
    /// <summary>The new title.</summary>
    public string? Title { get; init; }

    /// <summary>The new notes.</summary>
    public string? NotesText { get; init; }

    /// <summary>The new assignee's user id.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>The new due date, sent as an ISO date (<c>yyyy-MM-dd</c>).</summary>
    public DateOnly? DueDate { get; init; }
}
