using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>What the host's README must say plainly.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void The_readme_says_the_key_ring_is_unencrypted_and_points_to_ProtectKeysWith()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root(), "samples", "CarbonVoice.Sample.Host", "README.md"));
        Assert.Contains("key ring is not encrypted", readme, StringComparison.Ordinal);
        Assert.Contains("ProtectKeysWith", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_root_readme_shows_a_service_how_to_use_the_packages()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root(), "README.md"));
        var start = readme.IndexOf("## Use it in your service", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Use it in your service' section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        foreach (var expected in new[]
        {
            "dotnet pack", "-o ./packages", "dotnet nuget add source", "dotnet add package CarbonVoice.Sdk.Connector.AspNetCore",
            "using CarbonVoice.Sdk.Connector.AspNetCore;", "AddCarbonVoice(builder.Configuration)", "AddCarbonVoiceConnectorEndpoints(",
            "IRawDataStore", "IChunkStore", "MapCarbonVoiceConnector(", "MapCarbonVoiceProgress(",
            "/api/connectors/carbonvoice/oauth/callback", "/api/connectors/carbonvoice/webhook", "CARBONVOICE_WEBHOOK_HEADER", "CARBONVOICE_REDIRECT_URI",
        })
        {
            Assert.Contains(expected, section, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_sample_host_program_stays_short()
    {
        var program = File.ReadAllLines(Path.Combine(Repository.Root(), "samples", "CarbonVoice.Sample.Host", "Program.cs"));
        Assert.True(program.Length < 80, $"Program.cs has {program.Length} lines; the product belongs in CarbonVoice.Sdk.Connector.AspNetCore.");
    }
}
