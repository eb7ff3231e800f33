using System.Globalization;

namespace CarbonVoice.Sdk.Internal;

/// <summary>
/// JSON paths in the syntax System.Text.Json reports in <see cref="System.Text.Json.JsonException.Path"/>:
/// <c>$</c>, <c>.name</c> (or <c>['odd name']</c>) and <c>[index]</c>.
/// </summary>
internal static class JsonPaths
{
    /// <summary>One step of a path: a property name, or an array index when <see cref="Name"/> is null.</summary>
    public readonly record struct Segment(string? Name, int Index);

    public static string Child(string parent, string? name)
        => name is null ? parent
            : IsPlain(name) ? parent + "." + name
            : parent + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Appends a path relative to <paramref name="parent"/> (one starting with <c>$</c>) to it.</summary>
    public static string Combine(string parent, string? relative)
        => string.IsNullOrEmpty(relative) || relative == "$" ? parent
            : relative.StartsWith('$') ? parent + relative[1..]
            : parent + "." + relative;

    /// <summary>The segments of a path; null when it is not in the syntax above.</summary>
    public static List<Segment>? Parse(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return null;
        }

        var segments = new List<Segment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                segments.Add(new Segment(path[(i + 1)..end], -1));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(new Segment(path[(i + 2)..end].Replace("\\'", "'", StringComparison.Ordinal), -1));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(new Segment(null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    private static bool IsPlain(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
