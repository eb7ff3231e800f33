namespace CarbonVoice.ContractCheck;

/// <summary>What the check found on one route.</summary>
public sealed record RouteReport
{
    /// <summary>The route as <c>METHOD /template</c>.</summary>
    public required string Route { get; init; }

    /// <summary>The evidence level of the route in the wire contract.</summary>
    public EvidenceLevel Evidence { get; init; }

    /// <summary>Where the evidence level comes from.</summary>
    public string? EvidenceSource { get; init; }

    /// <summary>The SDK member that was called.</summary>
    public string? SdkMember { get; init; }

    /// <summary>How the check ended.</summary>
    public RouteOutcome Outcome { get; init; }

    /// <summary>The HTTP status of every response, in order (retries and later pages included).</summary>
    public IReadOnlyList<int> Statuses { get; init; } = [];

    /// <summary>How many items the SDK returned (1 for a single object), when it returned.</summary>
    public int? Items { get; init; }

    /// <summary>Where the data was in the 2xx bodies (<c>wrapped in "user"</c>, <c>bare object</c>, <c>results</c>, <c>data</c>, <c>bare array</c>...).</summary>
    public string? Envelope { get; init; }

    /// <summary>The top-level keys of the 2xx bodies that were objects (envelope or wrapper keys included).</summary>
    public IReadOnlyList<string> EnvelopeKeys { get; init; } = [];

    /// <summary>The SDK exception's type, when the call failed.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The SDK exception's message (credential-free), when the call failed.</summary>
    public string? ExceptionMessage { get; init; }

    /// <summary>Why the route was not applicable, or anything else worth knowing.</summary>
    public string? Note { get; init; }

    /// <summary>JSON fields the SDK does not model (kept in <c>AdditionalProperties</c>), as paths; null when nothing was parsed.</summary>
    public IReadOnlyList<string>? UnknownFields { get; init; }

    /// <summary>Modelled fields whose JSON name never appeared in any received object, as paths; null when no object was received.</summary>
    public IReadOnlyList<string>? ModelledFieldsNeverSeen { get; init; }

    /// <summary>How the list paged; null for single-object routes and routes that were not called.</summary>
    public PagingReport? Paging { get; init; }

    /// <summary>Whether this route counts as a failure (<see cref="RouteOutcome.ParseFailure"/> or <see cref="RouteOutcome.Error"/>).</summary>
    public bool IsFailure() => Outcome is RouteOutcome.ParseFailure or RouteOutcome.Error;
}
