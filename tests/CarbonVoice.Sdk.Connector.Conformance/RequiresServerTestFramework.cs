using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CarbonVoice.Sdk.Connector.Tests.Conformance;

/// <summary>
/// The xunit test framework of test assemblies that run on real servers: every test of a class marked
/// <see cref="RequiresServerAttribute"/> — its own and the ones it inherits unchanged from a conformance suite — is reported
/// skipped, with a message naming the variable, when the server's variable is not set and this is not CI. In CI the tests
/// run and fail on the missing server. Enable it with
/// <c>[assembly: TestFramework("CarbonVoice.Sdk.Connector.Tests.Conformance.RequiresServerTestFramework", "CarbonVoice.Sdk.Connector.Conformance")]</c>.
/// </summary>
public sealed class RequiresServerTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo)
        => new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var type = testMethod.TestClass.Class.ToRuntimeType();
            var requirement = type?.GetCustomAttribute<RequiresServerAttribute>(inherit: true);
            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute).AssemblyQualifiedName).Any();
            if (requirement is not null && isTest && TestServers.SkipReason(requirement.Variable) is { } reason)
            {
                var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
                return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
            }

            return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
        }
    }
}
