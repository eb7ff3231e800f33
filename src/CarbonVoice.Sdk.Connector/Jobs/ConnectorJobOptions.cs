namespace CarbonVoice.Sdk.Connector;

/// <summary>How <see cref="ConnectorJobHandler"/> handles jobs.</summary>
public sealed class ConnectorJobOptions
{
    /// <summary>The longest wait before a job refused because another run holds the connector's lease runs again (the lease's expiry if sooner). 10 seconds by default.</summary>
    public TimeSpan BusyRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest time between two progress entries of one run written to the <see cref="IRunProgressStore"/> (the first and the last are always written). 500 ms by default.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// An ingestion job counts as covered by an ingestion that started at least this long after the job was queued (the
    /// margin absorbs clock differences between the machine that queued it and the one that ran the other ingestion). 2 seconds by default.
    /// </summary>
    public TimeSpan CoalesceMargin { get; set; } = TimeSpan.FromSeconds(2);
}
