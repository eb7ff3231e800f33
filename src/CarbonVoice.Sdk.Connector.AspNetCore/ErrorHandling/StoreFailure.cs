using Microsoft.Data.Sqlite;

namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// A store that cannot serve: a connector store (<see cref="ConnectorStoreException"/>, whatever its cause) or the host's
/// SQLite file (a <see cref="SqliteException"/> saying busy, locked, read-only, full, an I/O error or cannot open). Answered
/// <c>503</c> with <c>Retry-After</c>; the database's own text never leaves the log.
/// </summary>
/// <param name="Store">The store's API name: <c>raw_data</c>, <c>chunks</c>, <c>sync_state</c> or <c>database</c> (the host's file).</param>
/// <param name="Reason"><c>busy</c>, <c>read_only</c>, <c>full</c> or <c>unavailable</c>.</param>
internal sealed record StoreFailure(string Store, string Reason)
{
    /// <summary>The problem type of the 503 answer.</summary>
    public const string ProblemType = "urn:carbonvoice:problem:store-unavailable";

    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CannotOpen = 14;

    /// <summary>Seconds a client should wait: a lock is usually gone in seconds, a full or read-only disk needs an operator.</summary>
    public int RetryAfterSeconds => Reason == "busy" ? 5 : 30;

    /// <summary>A sentence for people, without the database's text.</summary>
    public string Describe() => $"The {Name} is {Reason switch
    {
        "busy" => "busy (locked by another writer)",
        "read_only" => "read-only",
        "full" => "full",
        _ => "unavailable",
    }}; try again in {RetryAfterSeconds} seconds. The details are in the host's log.";

    private string Name => Store switch
    {
        "raw_data" => "raw data store",
        "chunks" => "chunk store",
        "sync_state" => "sync state store",
        _ => "host's database",
    };

    /// <summary>Recognizes a store failure anywhere in an exception chain.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="failure">The failure, when it is one.</param>
    public static bool TryFrom(Exception? exception, out StoreFailure failure)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ConnectorStoreException store)
            {
                failure = new StoreFailure(NameOf(store.Store), ReasonOf(store.InnerException as SqliteException));
                return true;
            }

            if (current is SqliteException { SqliteErrorCode: Busy or Locked or ReadOnly or IoError or Full or CannotOpen } sqlite)
            {
                failure = new StoreFailure("database", ReasonOf(sqlite));
                return true;
            }
        }

        failure = null!;
        return false;
    }

    /// <summary>The message to keep in a run record for an exception: a store failure's description, or the exception's own message.</summary>
    /// <param name="exception">The exception.</param>
    public static string SafeMessage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return TryFrom(exception, out var failure) ? failure.Describe() : exception is SqliteException ? "The host's database failed; the details are in the host's log." : exception.Message;
    }

    private static string NameOf(ConnectorStoreKind store) => store switch
    {
        ConnectorStoreKind.RawData => "raw_data",
        ConnectorStoreKind.Chunks => "chunks",
        _ => "sync_state",
    };

    private static string ReasonOf(SqliteException? exception) => (exception?.SqliteErrorCode & 0xFF) switch
    {
        Busy or Locked => "busy",
        ReadOnly => "read_only",
        Full => "full",
        _ => "unavailable",
    };
}
