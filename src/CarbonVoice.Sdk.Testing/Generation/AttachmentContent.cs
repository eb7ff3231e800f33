using System.Text;

namespace CarbonVoice.Sdk.Testing;

/// <summary>
/// The generated files of attachments: the name and type picked by seed, and the bytes made on read (a text document
/// holds generated words, in its format; other files hold seeded bytes of their announced length).
/// </summary>
internal static class AttachmentContent
{
    private static readonly (string Name, string Type)[] Files =
    [
        ("report.pdf", "application/pdf"),
        ("photo.jpg", "image/jpeg"),
        ("notes.txt", "text/plain"),
        ("slides.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("café-menu.png", "image/png"),
        ("minutes.md", "text/markdown"),
        ("budget.csv", "text/csv"),
        ("settings.json", "application/json"),
        ("page.html", "text/html"),
    ];

    private static readonly string[] TextTypes = ["text/plain", "text/markdown", "text/x-markdown", "text/csv", "application/json", "text/json", "text/html"];

    public static (string Name, string Type) Pick(int seed) => Files[(int)((uint)seed % (uint)Files.Length)];

    public static bool IsText(string mimeType)
    {
        var type = mimeType.Split(';', 2)[0].Trim();
        return TextTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The length of a generated file: the bytes of its text for a document, else 1 KB to 5 MB by seed.</summary>
    public static int LengthOf(int seed, string mimeType, string filename, int messageSeed)
        => IsText(mimeType) ? Text(seed, mimeType, filename).Length : 1024 + (int)((uint)messageSeed % 5_000_000);

    public static byte[] Generate(int seed, string mimeType, string filename, int length)
    {
        if (IsText(mimeType))
        {
            return Text(seed, mimeType, filename);
        }

        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The words a generated text document holds (what its chunks must contain).</summary>
    public static string Words(int seed) => TranscriptGenerator.Generate(seed, 40 + (int)((uint)seed % 160), spanish: false);

    private static byte[] Text(int seed, string mimeType, string filename)
    {
        var words = Words(seed);
        var title = Path.GetFileNameWithoutExtension(filename);
        var text = mimeType switch
        {
            "text/markdown" or "text/x-markdown" => $"# {title}\n\n{words}\n",
            "text/csv" => "line,text\n" + string.Join("\n", Lines(words).Select((line, i) => $"{i + 1},\"{line.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")) + "\n",
            "application/json" or "text/json" => "{\"title\": \"" + title + "\", \"notes\": \"" + words.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}\n",
            "text/html" => $"<!doctype html><html><head><title>{title}</title><style>p {{ color: #333 }}</style></head><body><h1>{title}</h1><p>{System.Net.WebUtility.HtmlEncode(words)}</p></body></html>\n",
            _ => words + "\n",
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private static IEnumerable<string> Lines(string words)
    {
        var all = words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < all.Length; i += 12)
        {
            yield return string.Join(' ', all.Skip(i).Take(12));
        }
    }
}
