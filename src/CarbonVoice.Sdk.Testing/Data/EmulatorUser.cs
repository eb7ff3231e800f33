namespace CarbonVoice.Sdk.Testing;

/// <summary>A generated user.</summary>
/// <param name="Id">The user id (<c>user_guid</c>).</param>
/// <param name="FirstName">First name (may contain non-ASCII letters).</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address.</param>
public sealed record EmulatorUser(string Id, string FirstName, string LastName, string Email)
{
    /// <summary>For a bot account, the id of the user who created it (<c>/whoami</c>'s <c>created_by</c>); the last generated user is a bot of <c>Users[0]</c> when there are several.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Whether the user is a bot (<c>user_type: "bot"</c>).</summary>
    public bool IsBot => CreatedBy is not null;
}
