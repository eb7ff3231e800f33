namespace CarbonVoice.Sdk.Internal;

/// <summary>The body of <c>POST /contacts</c> when users are read by id.</summary>
internal sealed record ContactsBody(IReadOnlyList<string> UserGuids);
