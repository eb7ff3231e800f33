using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Analysis;

/// <summary>How a model property nests another model.</summary>
internal enum Nesting
{
    /// <summary>A plain value (string, number, date, list of strings, dictionary).</summary>
    None = 0,

    /// <summary>A nested model object.</summary>
    Object = 1,

    /// <summary>A list of nested model objects.</summary>
    Collection = 2,
}

/// <summary>A property of an SDK model as it appears on the wire.</summary>
/// <param name="Property">The property.</param>
/// <param name="JsonName">Its JSON name: <see cref="JsonPropertyNameAttribute"/>, else the snake_case of the property name.</param>
/// <param name="Nesting">Whether it nests a model.</param>
/// <param name="ModelType">The nested model type, when it nests one.</param>
internal sealed record ModelProperty(PropertyInfo Property, string JsonName, Nesting Nesting, Type? ModelType);

/// <summary>A modelled JSON field by path (<c>content.transcript</c>, <c>attachments[].filename</c>).</summary>
/// <param name="Path">The field's path.</param>
/// <param name="Container">The path of the object holding it: empty for the item itself, <c>content</c> or <c>attachments[]</c> for nested ones.</param>
internal sealed record ModelField(string Path, string Container);

/// <summary>Reads which JSON fields an SDK model has, by reflection over its public properties.</summary>
internal static class ModelMetadata
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ModelProperty>> Properties = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ModelField>> Fields = new();

    /// <summary>Whether a type is an SDK model (derives from <see cref="CarbonVoiceModel"/>).</summary>
    public static bool IsModel(Type type) => typeof(CarbonVoiceModel).IsAssignableFrom(type);

    /// <summary>
    /// The properties of a model that are read from JSON: public, settable (<c>init</c> counts), not
    /// <see cref="JsonIgnoreAttribute"/>, and not <see cref="CarbonVoiceModel.AdditionalProperties"/>.
    /// </summary>
    public static IReadOnlyList<ModelProperty> PropertiesOf(Type type)
        => Properties.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0
                && p.SetMethod is { IsPublic: true }
                && p.Name != nameof(CarbonVoiceModel.AdditionalProperties)
                && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null
                && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(Describe)
            .OrderBy(p => p.JsonName, StringComparer.Ordinal)
            .ToList());

    /// <summary>Every modelled field of a model, nested models included, as paths.</summary>
    public static IReadOnlyList<ModelField> FieldsOf(Type type)
        => Fields.GetOrAdd(type, static t =>
        {
            var fields = new List<ModelField>();
            Collect(t, string.Empty, string.Empty, fields, []);
            return fields;
        });

    private static ModelProperty Describe(PropertyInfo property)
    {
        var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
        var type = property.PropertyType;
        if (IsModel(type))
        {
            return new ModelProperty(property, name, Nesting.Object, type);
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && ElementType(type) is { } element && IsModel(element))
        {
            return new ModelProperty(property, name, Nesting.Collection, element);
        }

        return new ModelProperty(property, name, Nesting.None, null);
    }

    private static Type? ElementType(Type type)
    {
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static void Collect(Type type, string prefix, string container, List<ModelField> into, HashSet<Type> path)
    {
        if (!path.Add(type))
        {
            return;
        }

        foreach (var property in PropertiesOf(type))
        {
            var fieldPath = prefix + property.JsonName;
            into.Add(new ModelField(fieldPath, container));
            switch (property.Nesting)
            {
                case Nesting.Object:
                    Collect(property.ModelType!, fieldPath + ".", fieldPath, into, path);
                    break;
                case Nesting.Collection:
                    Collect(property.ModelType!, fieldPath + "[].", fieldPath + "[]", into, path);
                    break;
            }
        }

        path.Remove(type);
    }
}
