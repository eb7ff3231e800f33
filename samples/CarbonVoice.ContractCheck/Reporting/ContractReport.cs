using System.Text.Json.Serialization;

namespace CarbonVoice.ContractCheck;

/// <summary>The result of a contract check: one <see cref="RouteReport"/> per route the check knows.</summary>
public sealed record ContractReport
{
    /// <summary>The tool that wrote the report.</summary>
    public string Tool { get; init; } = "CarbonVoice.ContractCheck";

    /// <summary>The SDK version that read the answers.</summary>
    public string? SdkVersion { get; init; }

    /// <summary>When the check started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the check ended.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The service that was checked.</summary>
    public required string BaseAddress { get; init; }

    /// <summary>How the check authenticated (the kind of credential, never the credential).</summary>
    public CredentialKind Authentication { get; init; }

    /// <summary>The page size asked of every list.</summary>
    public int PageSize { get; init; }

    /// <summary>Counts over the routes.</summary>
    public required ReportSummary Summary { get; init; }

    /// <summary>Every route, in catalog order.</summary>
    public IReadOnlyList<RouteReport> Routes { get; init; } = [];

    /// <summary>Whether any route failed: its body could not be parsed, or it answered an error other than 403/404.</summary>
    [JsonIgnore]
    public bool HasFailures => Routes.Any(r => r.IsFailure());

    /// <summary>The process exit code for this report: 0 without failures, 1 with.</summary>
    [JsonIgnore]
    public int ExitCode => HasFailures ? ExitCodes.Failures : ExitCodes.Success;
}
