namespace CarbonVoice.Sdk.Connector.AspNetCore;

/// <summary>
/// Where pending OAuth authorizations are kept between <c>POST /oauth/start</c> and the callback. The default keeps them,
/// hashed, in the connector database; replace it with <c>UseOAuthStateStore&lt;T&gt;()</c> (a shared cache, the service's database).
/// </summary>
public interface IOAuthStateStore
{
    /// <summary>Saves a new state (store only its hash; <see cref="OAuthStateRecord.BrowserBindingHash"/> is already hashed).</summary>
    /// <param name="state">The state parameter sent to Carbon Voice.</param>
    /// <param name="record">What the state stands for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SaveAsync(string state, OAuthStateRecord record, CancellationToken cancellationToken = default);

    /// <summary>Consumes a state atomically: the first caller gets the record, every later one <see cref="OAuthStateRejection.AlreadyUsed"/>.</summary>
    /// <param name="state">The state the callback carries.</param>
    /// <param name="now">The current time (an expired state is refused).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<(OAuthStateRecord? Record, OAuthStateRejection Rejection)> ConsumeAsync(string state, DateTimeOffset now, CancellationToken cancellationToken = default);
}
