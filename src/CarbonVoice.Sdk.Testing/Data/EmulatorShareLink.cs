namespace CarbonVoice.Sdk.Testing;

/// <summary>A snapshot of a share link.</summary>
/// <param name="Id">The share link id.</param>
/// <param name="SharedMessageId">The shared (original) message.</param>
/// <param name="CreatedBy">Who created it (for a forward, the forwarder).</param>
/// <param name="ShareType"><c>link</c> or <c>forward</c>.</param>
/// <param name="AccessType"><c>public</c>, <c>specified</c> or <c>forward</c>.</param>
/// <param name="WrapperMessageId">For a forward, the message that carries the link's id as <c>share_link_id</c>.</param>
/// <param name="IsRevoked">Whether it was revoked (the service answers 403).</param>
/// <param name="IsExpired">Whether its access had ended when the snapshot was taken (403 too).</param>
public sealed record EmulatorShareLink(string Id, string SharedMessageId, string CreatedBy, string ShareType, string AccessType, string? WrapperMessageId, bool IsRevoked, bool IsExpired);
