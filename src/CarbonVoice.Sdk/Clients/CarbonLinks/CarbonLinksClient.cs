using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="ICarbonLinksClient"/>. Members are virtual so tests can override them.</summary>
public class CarbonLinksClient : ICarbonLinksClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected CarbonLinksClient()
    {
        _connection = null!;
    }

    internal CarbonLinksClient(CarbonVoiceConnection connection) => _connection = connection;
}
