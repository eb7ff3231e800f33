using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace CarbonVoice.Sdk.Tests.Packaging;

/// <summary>
/// The SDK's package as <c>dotnet pack</c> writes it (packed once, from the assembly this test run built): the
/// <c>.nuspec</c> and the files inside the <c>.nupkg</c>, not the project file.
/// </summary>
public sealed class NuspecTests : IClassFixture<NuspecTests.PackedSdk>
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
    private readonly PackedSdk _package;

    public NuspecTests(PackedSdk package) => _package = package;

    [Fact]
    public void Declares_every_package_the_sdk_references_at_the_central_version()
    {
        var references = XDocument.Load(Path.Combine(PackedSdk.Root, "src/CarbonVoice.Sdk/CarbonVoice.Sdk.csproj"))
            .Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToHashSet();
        var central = XDocument.Load(Path.Combine(PackedSdk.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion").ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var declared = _package.Nuspec.Descendants(Ns + "dependency").ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

        Assert.Equal(references.OrderBy(x => x), declared.Keys.OrderBy(x => x));
        foreach (var (id, version) in declared)
        {
            Assert.True(central[id] == version, $"{id}: the package says {version}, Directory.Packages.props says {central[id]}");
        }
    }

    [Fact]
    public void Holds_the_assembly_its_xml_docs_and_the_readme_it_declares()
    {
        Assert.Contains("lib/net10.0/CarbonVoice.Sdk.dll", _package.Entries);
        Assert.Contains("lib/net10.0/CarbonVoice.Sdk.xml", _package.Entries);
        var readme = (string?)_package.Nuspec.Descendants(Ns + "readme").Single();
        Assert.Equal("docs/README.md", readme);
        Assert.Contains(readme, _package.Entries);
        Assert.Equal("MIT", (string?)_package.Nuspec.Descendants(Ns + "license").Single());
    }

    [Fact]
    public void Records_the_commit_it_was_packed_from()
    {
        var repository = _package.Nuspec.Descendants(Ns + "repository").Single();

        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(PackedSdk.Commit, (string?)repository.Attribute("commit"));
    }

    /// <summary>Runs <c>dotnet pack --no-build</c> on the SDK into a temporary folder and reads the package.</summary>
    public sealed class PackedSdk : IDisposable
    {
        public const string Commit = "0123456789abcdef0123456789abcdef01234567";
        public static readonly string Root = FindRoot();
        private readonly string _output = Directory.CreateTempSubdirectory("carbonvoice-pack-").FullName;

        public PackedSdk()
        {
            var configuration = typeof(NuspecTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var start = new ProcessStartInfo(DotnetHost())
            {
                WorkingDirectory = Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "pack", "src/CarbonVoice.Sdk/CarbonVoice.Sdk.csproj", "--no-build", "--no-restore", "-nodeReuse:false",
                "-c", configuration, "-o", _output, "-p:RepositoryCommit=" + Commit,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var pack = Process.Start(start)!;
            var output = pack.StandardOutput.ReadToEndAsync();
            var error = pack.StandardError.ReadToEndAsync();
            pack.WaitForExit();
            var package = Directory.GetFiles(_output, "CarbonVoice.Sdk.*.nupkg").SingleOrDefault()
                ?? throw new InvalidOperationException($"dotnet pack exited {pack.ExitCode} without a package:\n{output.Result}\n{error.Result}");
            using var zip = ZipFile.OpenRead(package);
            Entries = [.. zip.Entries.Select(e => e.FullName)];
            using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            Nuspec = XDocument.Load(nuspec);
        }

        public IReadOnlyList<string> Entries { get; }

        public XDocument Nuspec { get; }

        public void Dispose() => Directory.Delete(_output, recursive: true);

        /// <summary>The dotnet host running this test (the test host runs under it), else the one on the PATH.</summary>
        private static string DotnetHost()
            => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

        private static string FindRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CarbonVoice.Sdk.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }
}
