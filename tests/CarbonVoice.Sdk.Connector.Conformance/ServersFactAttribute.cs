namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>A test that needs real servers (environment variables of <see cref="TestServers"/>): skipped outside CI when one is not configured, failed in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServersFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="variables">The servers' environment variables.</param>
    public ServersFactAttribute(params string[] variables) => Skip = TestServers.SkipReason(variables);
}
