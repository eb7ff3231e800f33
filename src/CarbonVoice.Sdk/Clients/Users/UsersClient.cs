using CarbonVoice.Sdk.Internal;

namespace CarbonVoice.Sdk;

/// <summary>The default <see cref="IUsersClient"/>. Members are virtual so tests can override them.</summary>
public class UsersClient : IUsersClient
{
    private readonly CarbonVoiceConnection _connection;

    /// <summary>For mocking.</summary>
    protected UsersClient()
    {
        _connection = null!;
    }

    internal UsersClient(CarbonVoiceConnection connection) => _connection = connection;
}
