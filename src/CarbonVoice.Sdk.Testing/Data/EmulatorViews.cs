namespace CarbonVoice.Sdk.Testing;

/// <summary>A generated user.</summary>
/// <param name="Id">The user id (<c>user_guid</c>).</param>
/// <param name="FirstName">First name (may contain non-ASCII letters).</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address.</param>
public sealed record EmulatorUser(string Id, string FirstName, string LastName, string Email);

/// <summary>A workspace.</summary>
/// <param name="Id">The workspace id (12 characters).</param>
/// <param name="Name">The name.</param>
/// <param name="Type">standard, webcontact or personallink.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="MemberIds">Ids of the members (who may see it).</param>
public sealed record EmulatorWorkspace(string Id, string Name, string Type, string OwnerId, IReadOnlyList<string> MemberIds);

/// <summary>A conversation (channel).</summary>
/// <param name="Id">The channel id (16 characters).</param>
/// <param name="WorkspaceId">Its workspace.</param>
/// <param name="Name">The name.</param>
/// <param name="Type">directMessage, customerConversation, namedConversation or asyncMeeting.</param>
/// <param name="CollaboratorIds">Ids of the collaborators.</param>
/// <param name="MessageCount">Number of messages not deleted.</param>
public sealed record EmulatorConversation(string Id, string WorkspaceId, string Name, string Type, IReadOnlyList<string> CollaboratorIds, int MessageCount);
