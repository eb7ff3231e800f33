using CarbonVoice.Sdk;
using CarbonVoice.Sdk.Testing;

namespace CarbonVoice.Worker.Measurement;

/// <summary>A connector of a scale run: one emulator user's connection.</summary>
/// <param name="ConnectorId">The connector (and SDK connection) id.</param>
/// <param name="UserId">The emulator user whose token it holds.</param>
public sealed record EmulatorConnector(string ConnectorId, string UserId);

/// <summary>Creates connectors for the emulator's users: a token issued by the emulator per user, stored as a host's OAuth callback stores it.</summary>
public static class EmulatorConnectors
{
    /// <summary>The tenant of every scale-run connector.</summary>
    public const string TenantId = "tenant-scale";

    /// <summary>Stores a token for the first <paramref name="count"/> users of the emulator (connectors <c>c000</c>, <c>c001</c>, …).</summary>
    public static async Task<IReadOnlyList<EmulatorConnector>> CreateAsync(CarbonVoiceEmulator emulator, ScaleEnvironment environment, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(environment);
        if (emulator.Data.Users.Count < count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"The emulator has {emulator.Data.Users.Count} users; raise EmulatorOptions.Users to at least {count}.");
        }

        var connectors = new List<EmulatorConnector>(count);
        for (var i = 0; i < count; i++)
        {
            var user = emulator.Data.Users[i];
            var issued = emulator.IssueTokens(user.Id);
            var connector = new EmulatorConnector($"c{i:D3}", user.Id);
            await environment.StoreTokenAsync(connector.ConnectorId, new CarbonVoiceToken { AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt }, cancellationToken).ConfigureAwait(false);
            connectors.Add(connector);
        }

        return connectors;
    }
}
