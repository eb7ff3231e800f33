using System.IO.Compression;
using System.Reflection;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Reads the byte sequences of a tiktoken vocabulary: lines of a base64 token followed by its rank, or of the base64 token
/// alone (ranked by its line), optionally after a <c>Capacity: N</c> line. Only the byte sequences matter here
/// (<see cref="TokenBoundaries"/> needs to know which characters a token spans, not in which order tokens merge).
/// </summary>
internal static class TiktokenVocabulary
{
    /// <summary>The assembly of the Microsoft.ML.Tokenizers.Data.Cl100kBase package, which embeds the vocabulary.</summary>
    internal const string Cl100kBaseAssembly = "Microsoft.ML.Tokenizers.Data.Cl100kBase";

    /// <summary>The embedded (deflate-compressed) cl100k_base vocabulary that <c>TiktokenTokenizer.CreateForModel("gpt-4")</c> loads too.</summary>
    internal const string Cl100kBaseResource = "cl100k_base.tiktoken.deflate";

    /// <summary>The tokens of cl100k_base from the data package, or null when the package does not hold them where expected.</summary>
    public static List<byte[]>? LoadCl100kBase() => Load(Cl100kBaseAssembly, Cl100kBaseResource);

    /// <summary>The tokens of a deflate-compressed vocabulary embedded in an assembly, or null when the assembly or the resource is missing.</summary>
    internal static List<byte[]>? Load(string assemblyName, string resourceName)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (IOException)
        {
            return null;
        }

        using var stream = assembly.GetManifestResourceStream(resourceName);
        if (stream is null)
        {
            return null;
        }

        using var inflated = new DeflateStream(stream, CompressionMode.Decompress);
        return Read(inflated);
    }

    /// <summary>The tokens of a vocabulary stream, in file order.</summary>
    /// <exception cref="FormatException">A line is not base64, or has more than a token and a rank.</exception>
    public static List<byte[]> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, leaveOpen: true);
        var tokens = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity: ", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space >= 0 && (space == 0 || line.IndexOf(' ', space + 1) >= 0))
            {
                throw new FormatException($"Not a tiktoken vocabulary line: '{line}'.");
            }

            tokens.Add(Convert.FromBase64String(space < 0 ? line : line[..space]));
        }

        return tokens;
    }
}
