namespace CarbonVoice.Sdk.Connector;

/// <summary>
/// A connector store failed (a locked, read-only or full database, a lost connection, any exception a store throws other
/// than a cancellation or an argument error). The connector's services raise it in place of the store's own exception,
/// so run records and answers name the store without carrying the store's text: the original is the
/// <see cref="Exception.InnerException"/>, for the log only. Hosts answer it as "service unavailable" (503).
/// </summary>
public sealed class ConnectorStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectorStoreException()
        : base("A connector store failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectorStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure of <paramref name="store"/>.</summary>
    /// <param name="store">The store that failed.</param>
    /// <param name="innerException">The store's own exception (logged, never shown).</param>
    public ConnectorStoreException(ConnectorStoreKind store, Exception innerException)
        : base($"The {NameOf(store)} store is unavailable; the details are in the log.", innerException)
    {
        Store = store;
    }

    /// <summary>The store that failed.</summary>
    public ConnectorStoreKind Store { get; }

    /// <summary>The store's name in messages: <c>raw data</c>, <c>chunk</c> or <c>sync state</c>.</summary>
    /// <param name="store">The store.</param>
    public static string NameOf(ConnectorStoreKind store) => store switch
    {
        ConnectorStoreKind.RawData => "raw data",
        ConnectorStoreKind.Chunks => "chunk",
        _ => "sync state",
    };
}
