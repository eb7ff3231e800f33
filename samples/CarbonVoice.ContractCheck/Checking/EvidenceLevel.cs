using System.Text.Json.Serialization;

namespace CarbonVoice.ContractCheck;

/// <summary>How well a route is known, as <c>docs/WIRE_CONTRACT.md</c> marks it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvidenceLevel>))]
public enum EvidenceLevel
{
    /// <summary><c>[C]</c> confirmed: PhononX code that calls the live service uses the route.</summary>
    [JsonStringEnumMemberName("C")]
    Confirmed = 0,

    /// <summary><c>[G]</c> listed only by the seed integration guide: the shape is a guess.</summary>
    [JsonStringEnumMemberName("G")]
    GuideOnly = 1,

    /// <summary><c>[I]</c> inferred from indirect evidence.</summary>
    [JsonStringEnumMemberName("I")]
    Inferred = 2,
}
