using Xunit.Abstractions;
using Xunit.Sdk;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>A conformance test: a <see cref="FactAttribute"/> that is skipped, outside CI, for a store class marked <see cref="RequiresServerAttribute"/> whose server is not configured.</summary>
[XunitTestCaseDiscoverer("CarbonVoice.Sdk.Connector.Tests.Conformance.StoreFactDiscoverer", "CarbonVoice.Sdk.Connector.Conformance")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute
{
}

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests per concrete test class (inherited conformance tests included).</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresServerAttribute).AssemblyQualifiedName).FirstOrDefault();
        if (requirement?.GetConstructorArguments().FirstOrDefault() is string variable && TestServers.SkipReason(variable) is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
