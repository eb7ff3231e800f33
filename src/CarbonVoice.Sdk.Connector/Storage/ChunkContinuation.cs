using System.Globalization;
using System.Text;

namespace CarbonVoice.Sdk.Connector;

/// <summary>Encodes the (source key, index) position of the last chunk of a page as an opaque continuation token; shared by store implementations.</summary>
public static class ChunkContinuation
{
    /// <summary>Encodes a position.</summary>
    /// <param name="sourceKey">The source key of the last chunk returned.</param>
    /// <param name="index">Its index.</param>
    public static string Encode(string sourceKey, int index)
        => Convert.ToBase64String(Encoding.UTF8.GetBytes(index.ToString(CultureInfo.InvariantCulture) + ":" + sourceKey));

    /// <summary>Decodes a token made by <see cref="Encode"/>.</summary>
    /// <param name="token">The token.</param>
    /// <exception cref="FormatException">The token is not one of ours.</exception>
    public static (string SourceKey, int Index) Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException("Not a chunk continuation token.");
        }

        return (text[(colon + 1)..], index);
    }
}
