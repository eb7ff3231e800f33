namespace CarbonVoice.Sdk;

/// <summary>Stores the token set of each connection (a BDE connector id). Implementations must be safe for concurrent use.</summary>
public interface ITokenStore
{
    /// <summary>Reads the token of a connection, or null when there is none.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Saves (replaces) the token of a connection.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="token">The token set.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default);

    /// <summary>Deletes the token of a connection; does nothing when there is none.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default);
}
