using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IReactionsClient"/>. Members are virtual so tests can override them.</summary>
public class ReactionsClient : IReactionsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected ReactionsClient()
    {
        _connection = null!;
    }

    internal ReactionsClient(CarbonVoiceConnection connection) => _connection = connection;

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<Reaction>> ListAsync(CancellationToken cancellationToken = default)
        => (await _connection.GetAsync("GET /reactions", PathBuilder.Format("reactions"), CarbonVoiceJsonContext.Default.ApiListReaction, cancellationToken).ConfigureAwait(false)).Items;
}
