namespace CarbonVoice.Sdk;

/// <summary>
/// Stores the token set of each connection (a BDE connector id). Implementations must be safe for concurrent use.
/// </summary>
/// <remarks>
/// <para>
/// <b>The contract of a store.</b> A refresh rotates the refresh token: the server refuses the old one from then on, so
/// a write that puts an older token set back over a newer one loses the connection for good. Every read therefore
/// returns the token with its <see cref="CarbonVoiceToken.Version"/> (a concurrency token that changes on every write),
/// and every write that is based on a read goes through <see cref="TrySetAsync"/>, which stores the token only when
/// the stored version is still the one that was read (compare-and-swap). <see cref="SetAsync"/> stays for writes that
/// are meant to replace whatever is stored (a new authorization).
/// </para>
/// <para>
/// To implement it over a database: keep a version column (or the row's ETag/rowversion) next to the token, return it
/// as <see cref="CarbonVoiceToken.Version"/>, and make <see cref="TrySetAsync"/> one conditional statement, for example
/// <c>UPDATE … SET token = @token, version = @new WHERE id = @id AND version = @expected</c> (true when one row changed),
/// and <c>INSERT … WHERE NOT EXISTS</c> when the expected version is null. The version a store returns must never be
/// reused for a different token set of the same connection. Encrypt tokens at rest (<see cref="ITokenProtector"/>).
/// </para>
/// </remarks>
public interface ITokenStore
{
    /// <summary>Reads the token of a connection, with its <see cref="CarbonVoiceToken.Version"/>, or null when there is none.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<CarbonVoiceToken?> GetAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves (replaces) the token of a connection unconditionally, whatever is stored: for a new authorization (the
    /// OAuth callback). A write based on an earlier read must use <see cref="TrySetAsync"/> instead.
    /// </summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="token">The token set; its <see cref="CarbonVoiceToken.Version"/> is ignored (the store assigns a new one).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SetAsync(string connectionId, CarbonVoiceToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the token of a connection only when the stored token's version is <paramref name="expectedVersion"/>
    /// (compare-and-swap); with a null <paramref name="expectedVersion"/>, only when no token is stored. The store
    /// assigns a new version on success.
    /// </summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="token">The token set; its <see cref="CarbonVoiceToken.Version"/> is ignored.</param>
    /// <param name="expectedVersion">The <see cref="CarbonVoiceToken.Version"/> of the token the write is based on, or null for "none stored".</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the token was stored; false when another write came first (read again and decide anew).</returns>
    Task<bool> TrySetAsync(string connectionId, CarbonVoiceToken token, string? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes the token of a connection; does nothing when there is none.</summary>
    /// <param name="connectionId">The connection id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default);
}
