namespace CarbonVoice.Sdk;

/// <summary>The body of <c>POST /data-exporter/conversations</c>.</summary>
public sealed record ExportConversationsRequest
{
    /// <summary>The workspace to export (required).</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>Only these conversations; all of the workspace when null.</summary>
    public IReadOnlyList<string>? ChannelIds { get; init; }

    /// <summary>Only messages from this time on.</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>Only messages up to this time.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>The file format: <c>json</c> or <c>csv</c> (see <see cref="ExportFormats"/>); the service's default when null.</summary>
    public string? Format { get; init; }
}
