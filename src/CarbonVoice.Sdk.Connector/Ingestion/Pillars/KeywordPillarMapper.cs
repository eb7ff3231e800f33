using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CarbonVoice.Sdk.Connector;

/// <summary>The default <see cref="IPillarMapper"/>: the first keyword rule that matches, else the entity's pillar hint.</summary>
public sealed class KeywordPillarMapper : IPillarMapper
{
    private readonly PillarMappingOptions _options;
    private readonly List<(PillarKeywordRule Rule, Regex Pattern)> _rules;

    /// <summary>Creates the mapper.</summary>
    /// <param name="options">The rules.</param>
    public KeywordPillarMapper(IOptions<PillarMappingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _rules = _options.Rules
            .Where(r => r.Keywords.Count > 0 && !string.IsNullOrWhiteSpace(r.Pillar))
            .Select(r => (r, new Regex(
                @"(?<!\w)(?:" + string.Join('|', r.Keywords.Select(Regex.Escape)) + @")(?!\w)",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
                TimeSpan.FromSeconds(1))))
            .ToList();
    }

    /// <inheritdoc />
    public string MapPillar(PillarMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (rule, pattern) in _rules)
        {
            if ((rule.EntityTypes.Count == 0 || rule.EntityTypes.Contains(context.EntityType)) && pattern.IsMatch(context.Text))
            {
                return rule.Pillar;
            }
        }

        return string.IsNullOrWhiteSpace(context.PillarHint) ? _options.DefaultPillar : context.PillarHint;
    }
}
