using System.Text.Json.Serialization;

namespace CarbonVoice.ContractCheck;

/// <summary>How a route's check ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RouteOutcome>))]
public enum RouteOutcome
{
    /// <summary>The service answered and the SDK read the answer.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok = 0,

    /// <summary>The service answered 2xx but the SDK could not read the body (<c>CarbonVoiceMalformedResponseException</c>): a failure.</summary>
    [JsonStringEnumMemberName("parse_failure")]
    ParseFailure = 1,

    /// <summary>Any other error (401, 400, 429, 5xx, no response): a failure.</summary>
    [JsonStringEnumMemberName("error")]
    Error = 2,

    /// <summary>404: the route (or the object) does not exist. Reported, not a failure.</summary>
    [JsonStringEnumMemberName("not_found")]
    NotFound = 3,

    /// <summary>403: the credential may not read it. Reported, not a failure.</summary>
    [JsonStringEnumMemberName("forbidden")]
    Forbidden = 4,

    /// <summary>Not called: nothing to call it with (no id could be discovered, or the credential does not fit). Not a failure.</summary>
    [JsonStringEnumMemberName("not_applicable")]
    NotApplicable = 5,
}
