namespace CarbonVoice.Sdk.Testing;

/// <summary>A conversation (channel).</summary>
/// <param name="Id">The channel id (16 characters).</param>
/// <param name="WorkspaceId">Its workspace.</param>
/// <param name="Name">The name.</param>
/// <param name="Type">directMessage, customerConversation, namedConversation or asyncMeeting.</param>
/// <param name="CollaboratorIds">Ids of the collaborators.</param>
/// <param name="MessageCount">Number of messages not deleted.</param>
public sealed record EmulatorConversation(string Id, string WorkspaceId, string Name, string Type, IReadOnlyList<string> CollaboratorIds, int MessageCount)
{
    /// <summary>Whether it was deleted on the backend (<see cref="EmulatorControl.DeleteConversation"/>); only <see cref="EmulatorData.FindConversation"/> returns deleted ones.</summary>
    public bool IsDeleted { get; init; }
}
