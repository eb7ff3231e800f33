using CarbonVoice.Sample.Host.Tests.Infrastructure;

namespace CarbonVoice.Sample.Host.Tests;

/// <summary>CARBONVOICE_SKIP_BROWSER_TESTS=1 skips the browser tests whether Chromium is installed or not.</summary>
[Collection(nameof(BrowserFactTests))]
public sealed class BrowserFactTests
{
    private const string Variable = "CARBONVOICE_SKIP_BROWSER_TESTS";

    [Theory]
    [InlineData("1", true)]
    [InlineData(null, false)]
    [InlineData("0", false)]
    public void The_skip_variable_alone_decides(string? value, bool skipped)
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, value);
            Assert.Equal(skipped, new BrowserFactAttribute().Skip is not null);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }
}
