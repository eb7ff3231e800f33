namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /data-exporter/users</c>.</summary>
public sealed record ExportUsersRequest
{
    /// <summary>The workspace whose users are exported (required).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>The file format: <c>json</c> or <c>csv</c> (see <see cref="ExportFormats"/>); the service's default when null.</summary>
    public string? Format { get; init; }
}
