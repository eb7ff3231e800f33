using System.Xml.Linq;

namespace CarbonVoice.Sdk.Tests.Packaging;

/// <summary>The nuspec is written by hand: these tests keep it in step with the project's package references.</summary>
public class NuspecTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Declares_every_package_the_sdk_references_at_the_central_version()
    {
        var references = XDocument.Load(Path.Combine(Root, "src/CarbonVoice.Sdk/CarbonVoice.Sdk.csproj"))
            .Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!).ToHashSet();
        var central = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"))
            .Descendants("PackageVersion").ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        var declared = XDocument.Load(Path.Combine(Root, "CarbonVoice.Sdk.nuspec"))
            .Descendants(ns + "dependency").ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

        Assert.Equal(references.OrderBy(x => x), declared.Keys.OrderBy(x => x));
        foreach (var (id, version) in declared)
        {
            Assert.True(central[id] == version, $"{id}: nuspec says {version}, Directory.Packages.props says {central[id]}");
        }
    }

    [Fact]
    public void Packs_the_assembly_its_xml_docs_and_the_readme()
    {
        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        var nuspec = XDocument.Load(Path.Combine(Root, "CarbonVoice.Sdk.nuspec"));
        var files = nuspec.Descendants(ns + "file").Select(e => (string)e.Attribute("src")!).ToList();

        Assert.Contains(files, f => f.EndsWith("CarbonVoice.Sdk.dll", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("CarbonVoice.Sdk.xml", StringComparison.Ordinal));
        Assert.Contains("README.md", files);
        Assert.Equal("$commit$", (string?)nuspec.Descendants(ns + "repository").Single().Attribute("commit"));
    }

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
