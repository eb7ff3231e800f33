using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CarbonVoice.Sdk.Connector.Internal;

/// <summary>
/// Which attachments are text documents, and their text: plain text, markdown, CSV and JSON as they are, HTML as the text
/// of its body (scripts and styles left out, parsed by AngleSharp). Bytes are decoded by the BOM, else the charset the
/// file host sent, else UTF-8 (invalid bytes replaced); a body that decodes to NUL characters is not text.
/// </summary>
internal static class AttachmentText
{
    private static readonly Dictionary<string, string> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".text"] = "text/plain",
        [".md"] = "text/markdown",
        [".markdown"] = "text/markdown",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".html"] = "text/html",
        [".htm"] = "text/html",
    };

    private static readonly HashSet<string> TextTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/plain", "text/markdown", "text/x-markdown", "text/csv", "application/csv", "application/json", "text/json", "text/html", "application/xhtml+xml",
    };

    /// <summary>The text type of an attachment by its MIME type, or by its file name when the MIME type is missing or generic; null when it is no text document.</summary>
    public static string? TextType(string? mimeType, string? filename)
    {
        var type = mimeType?.Split(';', 2)[0].Trim();
        if (!string.IsNullOrEmpty(type) && TextTypes.Contains(type))
        {
            return type.ToLowerInvariant();
        }

        var generic = string.IsNullOrEmpty(type) || type.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase);
        return generic && filename is not null && TypesByExtension.TryGetValue(Path.GetExtension(filename), out var byName) ? byName : null;
    }

    /// <summary>The text of a downloaded document, or null when the bytes are not text.</summary>
    public static string? Extract(ReadOnlySpan<byte> bytes, string textType, string? charSet)
    {
        var text = Decode(bytes, charSet);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        if (textType is "text/html" or "application/xhtml+xml")
        {
            text = HtmlToText(text);
        }

        return text.Trim();
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string? charSet)
    {
        Encoding encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }
        else if (!string.IsNullOrWhiteSpace(charSet))
        {
            try
            {
                encoding = Encoding.GetEncoding(charSet.Trim());
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 as for a file host that sent none.
            }
        }

        return encoding.GetString(bytes);
    }

    private static string HtmlToText(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList())
        {
            element.Remove();
        }

        var builder = new StringBuilder();
        var title = document.Title?.Trim();
        if (!string.IsNullOrEmpty(title))
        {
            builder.Append(title).Append('\n');
        }

        // Text nodes one by one, so block elements written side by side (<h1>a</h1><p>b</p>) do not run together.
        var root = (INode?)document.Body ?? document.DocumentElement;
        foreach (var node in root.Descendants<IText>())
        {
            var words = string.Join(' ', node.Data.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (words.Length > 0)
            {
                builder.Append(words).Append('\n');
            }
        }

        return builder.ToString();
    }
}
