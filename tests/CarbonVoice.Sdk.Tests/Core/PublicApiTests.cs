using System.Runtime.CompilerServices;
using PublicApiGenerator;

namespace CarbonVoice.Sdk.Tests.Core;

/// <summary>
/// Approval test of the package's public surface, so API changes are deliberate. When it fails, review
/// <c>PublicApi/CarbonVoice.Sdk.received.txt</c> and copy it over <c>CarbonVoice.Sdk.approved.txt</c>, or run the
/// tests once with <c>UPDATE_PUBLIC_API=1</c> to overwrite the approved file.
/// </summary>
public sealed class PublicApiTests
{
    private const string UpdateVariable = "UPDATE_PUBLIC_API";

    [Fact]
    public void The_public_api_matches_the_approved_file()
    {
        var api = Normalize(typeof(CarbonVoiceClient).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            // The DI extensions live in Microsoft.Extensions.DependencyInjection; the default would hide them.
            DenyNamespacePrefixes = [],
        }));
        var folder = ApprovalFolder();
        var approvedPath = Path.Combine(folder, "CarbonVoice.Sdk.approved.txt");
        var receivedPath = Path.Combine(folder, "CarbonVoice.Sdk.received.txt");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(approvedPath, api);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (string.Equals(approved, api, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, api);
        Assert.Fail(
            $"The public API of CarbonVoice.Sdk differs from the approved file. Review {receivedPath} and, if the change is intended, " +
            $"copy it over {approvedPath} (or run the tests once with {UpdateVariable}=1).{Environment.NewLine}First difference: {FirstDifference(approved, api)}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string FirstDifference(string? approved, string received)
    {
        if (approved is null)
        {
            return "there is no approved file yet.";
        }

        var left = approved.Split('\n');
        var right = received.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var a = i < left.Length ? left[i] : "<end>";
            var r = i < right.Length ? right[i] : "<end>";
            if (!string.Equals(a, r, StringComparison.Ordinal))
            {
                return $"line {i + 1}: approved `{a.Trim()}`, received `{r.Trim()}`.";
            }
        }

        return "whitespace only.";
    }

    /// <summary>The PublicApi folder next to this test project's sources (found from the solution root, or from this file's path).</summary>
    private static string ApprovalFolder([CallerFilePath] string thisFile = "")
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CarbonVoice.Sdk.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "CarbonVoice.Sdk.Tests", "PublicApi");
            }
        }

        return Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "PublicApi");
    }
}
