namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>
/// Marks a test class whose store runs on a real server named by an environment variable (<see cref="TestServers"/>): its
/// tests, the inherited conformance tests included, are skipped outside CI when the variable is not set (<see cref="RequiresServerTestFramework"/>).
/// </summary>
/// <param name="variable">The environment variable, for example <see cref="TestServers.PostgreSqlVariable"/>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresServerAttribute(string variable) : Attribute
{
    /// <summary>The environment variable.</summary>
    public string Variable { get; } = variable;
}
