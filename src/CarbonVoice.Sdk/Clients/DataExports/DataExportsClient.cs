using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IDataExportsClient"/>. Members are virtual so tests can override them.</summary>
public class DataExportsClient : IDataExportsClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected DataExportsClient()
    {
        _connection = null!;
    }

    internal DataExportsClient(CarbonVoiceConnection connection) => _connection = connection;
}
