namespace CarbonVoice.Sdk.Testing;

internal sealed class ExportJobRecord
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Format { get; init; }
    public required WorkspaceRecord Workspace { get; init; }
    public required UserRecord Owner { get; init; }
    public IReadOnlyList<string>? ChannelIds { get; init; }
    public required long CreatedMs { get; init; }
    public long UpdatedMs { get; set; }
    public string Status { get; set; } = "pending";
}
