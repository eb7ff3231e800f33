using System.Globalization;
using System.Text;

namespace CarbonVoice.Sdk.Internal;

/// <summary>Builds a relative path with an escaped query string; null values are left out.</summary>
internal sealed class PathBuilder
{
    private readonly StringBuilder _builder;
    private bool _hasQuery;

    private PathBuilder(string path) => _builder = new StringBuilder(path);

    /// <summary>Starts a path from a template such as <c>v5/messages/{0}</c>, escaping each segment value.</summary>
    public static PathBuilder Format(string template, params string[] segments)
    {
        foreach (var segment in segments)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        }

        var escaped = segments.Select(Uri.EscapeDataString).ToArray<object>();
        return new PathBuilder(string.Format(CultureInfo.InvariantCulture, template, escaped));
    }

    public PathBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _builder.Append(_hasQuery ? '&' : '?').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    public PathBuilder Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public PathBuilder Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public PathBuilder Add(string name, DateTimeOffset? value) => Add(name, value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    public PathBuilder AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => _builder.ToString();
}
