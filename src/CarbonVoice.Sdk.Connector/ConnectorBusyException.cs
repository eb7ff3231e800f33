namespace CarbonVoice.Sdk.Connector;

/// <summary>Another sync or ingestion of the same connector holds its lease; try again later (at the latest after <see cref="SyncLease.ExpiresAt"/> of <see cref="Lease"/>).</summary>
public sealed class ConnectorBusyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ConnectorBusyException()
        : base("Another run of this connector holds its lease.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ConnectorBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the lease that refused the run.</summary>
    /// <param name="message">The message.</param>
    /// <param name="lease">The lease held by another run, when it could be read.</param>
    public ConnectorBusyException(string message, SyncLease? lease)
        : base(message)
    {
        Lease = lease;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The lease held by the other run (its holder and expiry), when known.</summary>
    public SyncLease? Lease { get; }
}
