namespace CarbonVoice.Sdk.Testing;

/// <summary>A generated user.</summary>
/// <param name="Id">The user id (<c>user_guid</c>).</param>
/// <param name="FirstName">First name (may contain non-ASCII letters).</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">Email address.</param>
public sealed record EmulatorUser(string Id, string FirstName, string LastName, string Email);
