namespace CarbonVoice.Sdk.Testing;

internal sealed record CarbonLinkRecord(
    string Id,
    string Type,
    string? Name,
    string? WorkspaceId,
    string? ChannelId,
    string OwnerId,
    long CreatedMs);
