using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IActionItemsClient"/>. Members are virtual so tests can override them.</summary>
public class ActionItemsClient : IActionItemsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected ActionItemsClient()
    {
        _connection = null!;
    }

    internal ActionItemsClient(CarbonVoiceConnection connection) => _connection = connection;
}
