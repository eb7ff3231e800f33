namespace CarbonVoice.Sdk.Testing;

/// <summary>A workspace.</summary>
/// <param name="Id">The workspace id (12 characters).</param>
/// <param name="Name">The name.</param>
/// <param name="Type">standard, webcontact or personallink.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="MemberIds">Ids of the members (who may see it).</param>
public sealed record EmulatorWorkspace(string Id, string Name, string Type, string OwnerId, IReadOnlyList<string> MemberIds);
