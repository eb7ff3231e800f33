using System.Text.Json;
using System.Text.Json.Serialization;

namespace CarbonVoice.Sdk;

/// <summary>The base of every response model: fields the SDK does not know yet are kept in <see cref="AdditionalProperties"/>, so no data is lost when the API adds fields.</summary>
public abstract record CarbonVoiceModel
{
    /// <summary>Fields of the JSON object that have no property on the model, as received.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
