namespace CarbonVoice.ContractCheck;

/// <summary>What a <see cref="ContractChecker"/> checks and how.</summary>
public sealed record ContractCheckOptions
{
    /// <summary>The production API address, the default of <c>CARBONVOICE_BASE_URL</c>.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.carbonvoice.app/");

    /// <summary>The service to check.</summary>
    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    /// <summary>The credential to authenticate with.</summary>
    public required ContractCheckCredential Credential { get; init; }

    /// <summary>The page size asked of every list (small, so that a second page exists and a page cap shows). Default 2.</summary>
    public int PageSize { get; init; } = 2;

    /// <summary>How many pages of each paged list are read (2 by default: enough to see how paging continues).</summary>
    public int MaxPages { get; init; } = 2;

    /// <summary>How many workspaces are tried, at most, to find a conversation with messages. Default 5.</summary>
    public int MaxWorkspacesToScan { get; init; } = 5;

    /// <summary>How far back <c>POST /v3/messages/notified</c> looks. Default 90 days.</summary>
    public TimeSpan NotifiedLookback { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The query of <c>POST /v3/search</c>; by default a word of a transcript the check has read (else <c>the</c>).</summary>
    public string? SearchQuery { get; init; }

    /// <summary>
    /// An export job to read with <c>GET /data-exporter/{id}</c>. The check never starts an export (that is a write), so
    /// without an id the route is reported as not applicable.
    /// </summary>
    public string? ExportId { get; init; }

    /// <summary>
    /// Retries of transient faults per call (the SDK's <c>MaxRetryAttempts</c>). Default 5, above the SDK's 3: the gateway
    /// sends bursts of 502, and a one-off check should not report a burst as a difference.
    /// </summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>The time budget of one call, retries included. Default 60 seconds.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock ("now" for the date-anchored lists); the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Credential);
        if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The base address must be an absolute http or https URL, not '{BaseAddress}'.", nameof(BaseAddress));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, 100, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPages, 1, nameof(MaxPages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWorkspacesToScan, 1, nameof(MaxWorkspacesToScan));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAttempts, 0, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRetryAttempts, 10, nameof(MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CallTimeout, TimeSpan.Zero, nameof(CallTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NotifiedLookback, TimeSpan.Zero, nameof(NotifiedLookback));
    }
}
