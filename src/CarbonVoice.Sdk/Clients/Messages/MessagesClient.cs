using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IMessagesClient"/>. Members are virtual so tests can override them.</summary>
public class MessagesClient : IMessagesClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected MessagesClient()
    {
        _connection = null!;
    }

    internal MessagesClient(CarbonVoiceConnection connection) => _connection = connection;
}
