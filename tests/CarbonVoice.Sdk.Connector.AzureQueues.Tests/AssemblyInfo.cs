[assembly: TestFramework("CarbonVoice.Sdk.Connector.Tests.Conformance.RequiresServerTestFramework", "CarbonVoice.Sdk.Connector.Conformance")]
