using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IConversationsClient"/>. Members are virtual so tests can override them.</summary>
public class ConversationsClient : IConversationsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected ConversationsClient()
    {
        _connection = null!;
    }

    internal ConversationsClient(CarbonVoiceConnection connection) => _connection = connection;
}
