namespace CarbonVoice.ContractCheck;

/// <summary>Counts over the routes of a report.</summary>
public sealed record ReportSummary
{
    /// <summary>Routes checked (every route the check knows).</summary>
    public int Routes { get; init; }

    /// <summary>Routes that answered and were read.</summary>
    public int Ok { get; init; }

    /// <summary>Routes whose 2xx body the SDK could not read.</summary>
    public int ParseFailures { get; init; }

    /// <summary>Routes that failed otherwise (401, 400, 5xx, no response).</summary>
    public int Errors { get; init; }

    /// <summary>Routes that answered 404.</summary>
    public int NotFound { get; init; }

    /// <summary>Routes that answered 403.</summary>
    public int Forbidden { get; init; }

    /// <summary>Routes that were not called.</summary>
    public int NotApplicable { get; init; }

    /// <summary>Routes whose answers had fields the SDK does not model.</summary>
    public int WithUnknownFields { get; init; }

    /// <summary>Routes with modelled fields that never appeared.</summary>
    public int WithFieldsNeverSeen { get; init; }

    /// <summary>Counts the routes.</summary>
    /// <param name="routes">The route reports.</param>
    public static ReportSummary Of(IReadOnlyCollection<RouteReport> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        int Count(RouteOutcome outcome) => routes.Count(r => r.Outcome == outcome);
        return new ReportSummary
        {
            Routes = routes.Count,
            Ok = Count(RouteOutcome.Ok),
            ParseFailures = Count(RouteOutcome.ParseFailure),
            Errors = Count(RouteOutcome.Error),
            NotFound = Count(RouteOutcome.NotFound),
            Forbidden = Count(RouteOutcome.Forbidden),
            NotApplicable = Count(RouteOutcome.NotApplicable),
            WithUnknownFields = routes.Count(r => r.UnknownFields is { Count: > 0 }),
            WithFieldsNeverSeen = routes.Count(r => r.ModelledFieldsNeverSeen is { Count: > 0 }),
        };
    }
}
