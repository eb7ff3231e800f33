namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// A refreshed token that the store has not accepted yet (the write failed): the newest token of the connection,
/// the store version it replaces, and every refresh token the server rotated away since that version.
/// </summary>
/// <param name="Token">The newest token set (the one requests use meanwhile).</param>
/// <param name="ExpectedVersion">The version of the stored token it replaces.</param>
/// <param name="RotatedAway">Refresh tokens the server has already rotated (never to be sent again, and a stored token holding one is stale).</param>
/// <param name="FailedAttempts">How many writes failed so far.</param>
internal sealed record PendingTokenWrite(CarbonVoiceToken Token, string? ExpectedVersion, IReadOnlySet<string> RotatedAway, int FailedAttempts);
