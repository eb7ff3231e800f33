namespace CarbonVoice.Sdk.Connector;

/// <summary>The right to run one connector's syncs (or its ingestions) until <see cref="ExpiresAt"/>, held by <see cref="Holder"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ConnectorId">The lease key: the connector id for syncs, <see cref="KeyOf"/> in general.</param>
/// <param name="Holder">Who holds it: the machine, the process id and a random part (the run records it as <see cref="SyncRun.LeaseHolder"/>).</param>
/// <param name="ExpiresAt">When it lapses unless renewed.</param>
public sealed record SyncLease(string TenantId, string ConnectorId, string Holder, DateTimeOffset ExpiresAt)
{
    /// <summary>The suffix of the ingestion lease key: syncs and ingestions of one connector hold separate leases.</summary>
    public const string IngestionSuffix = "#ingestion";

    /// <summary>The lease key runs of <paramref name="kind"/> of a connector hold: the connector id for syncs, with <see cref="IngestionSuffix"/> for ingestions.</summary>
    /// <param name="connectorId">The connector.</param>
    /// <param name="kind">The kind of run.</param>
    public static string KeyOf(string connectorId, SyncKind kind) => kind == SyncKind.Ingestion ? connectorId + IngestionSuffix : connectorId;

    /// <summary>Whether the lease is still live at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
}
