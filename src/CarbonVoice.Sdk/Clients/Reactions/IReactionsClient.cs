namespace CarbonVoice.Sdk;

/// <summary>Reactions: the set users can put on messages (a message's <see cref="MessageReactionSummary"/> names them by id).</summary>
public interface IReactionsClient
{
    /// <summary>Lists the available reactions (<c>GET /reactions</c>, confirmed; a bare array, not paged).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<Reaction>> ListAsync(CancellationToken cancellationToken = default);
}
