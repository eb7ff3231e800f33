using System.Text.Json.Serialization;

namespace CarbonVoice.ContractCheck;

/// <summary>What the next-cursor field (<c>next_cursor</c>, <c>nextCursor</c>) looked like in a page.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CursorState>))]
public enum CursorState
{
    /// <summary>No such key.</summary>
    [JsonStringEnumMemberName("absent")]
    Absent = 0,

    /// <summary>The key with <c>null</c> (or an empty string).</summary>
    [JsonStringEnumMemberName("null")]
    Null = 1,

    /// <summary>The key with a value.</summary>
    [JsonStringEnumMemberName("value")]
    Value = 2,
}
