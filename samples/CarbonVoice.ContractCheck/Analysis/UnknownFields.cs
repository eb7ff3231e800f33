using System.Collections;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Analysis;

/// <summary>Collects the fields the SDK does not model: the keys of <see cref="CarbonVoiceModel.AdditionalProperties"/>, nested models included.</summary>
internal static class UnknownFields
{
    /// <summary>The union, over every parsed item, of its <see cref="CarbonVoiceModel.AdditionalProperties"/> keys as JSON paths.</summary>
    /// <param name="items">The parsed models.</param>
    public static IReadOnlyList<string> Collect(IEnumerable<object> items)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            Walk(item, string.Empty, paths, 0);
        }

        return [.. paths];
    }

    private static void Walk(object model, string prefix, SortedSet<string> into, int depth)
    {
        if (depth > 16 || model is not CarbonVoiceModel known)
        {
            return;
        }

        foreach (var key in known.AdditionalProperties?.Keys ?? [])
        {
            into.Add(prefix + key);
        }

        foreach (var property in ModelMetadata.PropertiesOf(model.GetType()))
        {
            if (property.Nesting == Nesting.None || property.Property.GetValue(model) is not { } value)
            {
                continue;
            }

            if (property.Nesting == Nesting.Object)
            {
                Walk(value, prefix + property.JsonName + ".", into, depth + 1);
                continue;
            }

            foreach (var element in (IEnumerable)value)
            {
                if (element is not null)
                {
                    Walk(element, prefix + property.JsonName + "[].", into, depth + 1);
                }
            }
        }
    }
}
