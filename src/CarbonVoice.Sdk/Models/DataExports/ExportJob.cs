namespace CarbonVoice.Sdk;

/// <summary>A data export job (<c>/data-exporter/*</c>): poll it with <see cref="IDataExportsClient.GetAsync"/> or <see cref="IDataExportsClient.WaitForCompletionAsync"/> until it is done.</summary>
public sealed record ExportJob : CarbonVoiceModel
{
    /// <summary>The export id.</summary>
    public required string Id { get; init; }

    /// <summary>What is exported: <c>conversations</c> or <c>users</c> (see <see cref="ExportJobTypes"/>).</summary>
    public string? Type { get; init; }

    /// <summary>The status: <c>pending</c>, <c>processing</c>, <c>done</c> or <c>failed</c> (see <see cref="ExportJobStatuses"/>).</summary>
    public string? Status { get; init; }

    /// <summary>The workspace exported.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>When the export was requested.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the export last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Where to download the result, once the status is <c>done</c>.</summary>
    public string? DownloadUrl { get; init; }

    /// <summary>Why the export failed, when the status is <c>failed</c>.</summary>
    public string? Error { get; init; }
}
